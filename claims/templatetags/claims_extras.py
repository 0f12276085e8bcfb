"""Filters and tags of the public pages: Markdown made safe, figures, JSON-LD, language links."""

from __future__ import annotations

import json
import re
import threading
from decimal import Decimal

import markdown as markdown_lib
import nh3
from django import template
from django.urls import translate_url
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ..services.roles import public_name

register = template.Library()

MINUS = "\u2212"
NARROW_NBSP = "\u202f"


# An image whose source ``_own_images_only`` dropped: nothing left to show. nh3's output quotes every
# attribute and escapes ``>`` inside them, so the tag ends at the first ``>``.
IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def _own_images_only(element: str, attribute: str, value: str) -> str | None:
    """Keep an ``<img>`` ``src`` only when it points at this site (a path); drop a third party's.

    A third-party image in an explanation would tell its owner who reads the verdict.
    """
    if element == "img" and attribute == "src":
        return value if value.startswith("/") and not value.startswith("//") else None
    return value


_renderers = threading.local()


def _markdown_renderer() -> markdown_lib.Markdown:
    """This thread's Markdown renderer, made once: making one loads its extensions (half the cost of a
    verdict's explanation). ``reset()`` between texts clears what the last one defined."""
    renderer = getattr(_renderers, "markdown", None)
    if renderer is None:
        renderer = _renderers.markdown = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    return renderer


@register.filter
def markdown(text: str) -> SafeString:
    """Render Markdown, then keep only harmless HTML (no scripts, event handlers or javascript: links,
    no images from other sites)."""
    html = _markdown_renderer().reset().convert(text or "")
    html = IMAGE_WITHOUT_SOURCE.sub("", nh3.clean(html, attribute_filter=_own_images_only))
    return mark_safe(html)  # noqa: S308 -- nh3 has just sanitised it


def _french() -> bool:
    return not (get_language() or "fr").startswith("en")


@register.filter
def figure(value: Decimal | float | int | None, unit: str = "") -> str:
    """A number as readers write it: "1 960" in French, "1,960" in English; years stay "1994"."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    integral = number == number.to_integral_value()
    text = f"{number:,.0f}" if integral else f"{number:,f}".rstrip("0").rstrip(".")
    if integral and unit.lower().startswith(("ann", "year")):
        text = text.replace(",", "")
    if _french():
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
SPACE_BEFORE = re.compile(r" (?=[»:;?!])")
SPACE_AFTER = re.compile(r"(?<=«) ")


@register.filter
def nobreak(text: str) -> str:
    """Keep "2 000" and "« mot »" together: no-break spaces where French typography wants them.

    The result is plain text, escaped like any other by the template.
    """
    text = DIGIT_GROUP.sub("\u00a0", text or "")
    return SPACE_AFTER.sub("\u00a0", SPACE_BEFORE.sub("\u00a0", text))


@register.filter
def deviation(value: Decimal | None) -> str:
    """A signed percentage with a true minus sign: "−2 %", "+3,2 %", "0 %"."""
    if value is None:
        return ""
    rounded = Decimal(value).quantize(Decimal("0.1"))
    if rounded == rounded.to_integral_value():
        rounded = rounded.quantize(Decimal("1"))
    sign = MINUS if rounded < 0 else ("+" if rounded > 0 else "")
    digits = str(abs(rounded))
    if _french():
        return f"{sign}{digits.replace('.', ',')}\u00a0%"
    return f"{sign}{digits}%"


@register.filter
def jsonld(data: dict, nonce: str = "") -> SafeString:
    """A ``<script type="application/ld+json">`` block, escaped as ``json_script`` escapes.

    ``nonce`` is the request's Content-Security-Policy nonce, the one inline script the pages allow.
    """
    payload = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_json_script_escapes)
    nonce = str(nonce)  # django-csp's lazy nonce: made, and added to the header, when first read
    if nonce:
        return format_html('<script type="application/ld+json" nonce="{}">{}</script>', nonce, mark_safe(payload))  # noqa: S308
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


register.filter("public_name", public_name)


@register.simple_tag(takes_context=True)
def page_in(context, language: str) -> str:
    """This page's URL in another language (query string kept)."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)
