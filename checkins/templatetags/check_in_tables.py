from django import template

from checkins.trends import table_rows

register = template.Library()


@register.filter
def in_table_rows(weeks):
    """{% for week in weeks|in_table_rows %}: quiet stretches folded into one row each."""
    return table_rows(weeks)
