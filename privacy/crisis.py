"""Crisis lines for a person's country, and the country a time zone suggests.

Country names and the zone-to-country table are copies of the tz database's public-domain
iso3166.tab and zone.tab (data/), so the suggestion is the same on every machine, with or
without the operating system's tzdata.
"""

import unicodedata
from functools import cache
from pathlib import Path

from .models import CrisisLine

DATA = Path(__file__).resolve().parent / "data"

# Plainer names where the tz database's own would puzzle someone choosing from a list.
NAME_OVERRIDES = {"GB": "United Kingdom", "US": "United States", "KR": "South Korea"}

# Old zone names (tz "backward" links) that zone.tab does not list, by their first part.
LINK_PREFIXES = {
    "US/": "US",
    "Canada/": "CA",
    "Australia/": "AU",
    "Brazil/": "BR",
    "Mexico/": "MX",
    "Chile/": "CL",
}
LINKS = {
    "Asia/Calcutta": "IN",
    "Asia/Saigon": "VN",
    "Asia/Katmandu": "NP",
    "Asia/Rangoon": "MM",
    "Europe/Kiev": "UA",
    "Europe/Belfast": "GB",
    "GB": "GB",
    "GB-Eire": "GB",
    "Eire": "IE",
    "NZ": "NZ",
    "America/Buenos_Aires": "AR",
    "America/Montreal": "CA",
    "Pacific/Auckland": "NZ",
}


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    names = {row[0]: row[1] for row in _rows("iso3166.tab")}
    return names | NAME_OVERRIDES


@cache
def _zone_countries() -> dict[str, str]:
    return {row[2]: row[0] for row in _rows("zone.tab")}


@cache
def country_choices() -> list[tuple[str, str]]:
    # Sorted as a reader expects: Åland Islands among the A's.
    return sorted(
        country_names().items(),
        key=lambda item: unicodedata.normalize("NFKD", item[1]).casefold(),
    )


def country_name(code: str) -> str:
    return country_names().get(code, code)


def is_country(code: str) -> bool:
    return code in country_names()


def suggest_country(timezone_name: str) -> str:
    """The country a time zone is in, or "" when it says nothing (UTC, Etc/…)."""
    found = _zone_countries().get(timezone_name) or LINKS.get(timezone_name)
    if found:
        return found
    for prefix, code in LINK_PREFIXES.items():
        if timezone_name.startswith(prefix):
            return code
    return ""


def country_for(user) -> tuple[str, bool]:
    """The person's country and whether they chose it (False: suggested from the time zone)."""
    if user.country:
        return user.country, True
    return suggest_country(user.timezone), False


def lines_for(country: str) -> list[CrisisLine]:
    if not country:
        return []
    return list(CrisisLine.objects.filter(country=country, published=True))


def countries_with_lines() -> list[tuple[str, str]]:
    codes = (
        CrisisLine.objects.filter(published=True)
        .values_list("country", flat=True)
        .distinct()
    )
    return sorted(
        ((code, country_name(code)) for code in set(codes)), key=lambda c: c[1]
    )
