from django import template

from core.choices import radio_choices as choices_of

register = template.Library()


@register.filter
def radio_choices(field):
    """`{% for choice in form.field|radio_choices %}{% include "components/radio_choice.html" %}`"""
    return choices_of(field)
