"""The handout a therapist gives a client: Markdown or one self-contained HTML page.

Every piece of catalogue and option text is escaped, so a `<script>` in a custom catalogue
or in --notes shows as text. The HTML has no external fonts, scripts or images, and a print
stylesheet that fits A4 and US Letter without splitting a benefit across pages.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..catalogue.model import Benefit, Catalogue, Caution, Reference
from . import markdown
from .viewmodel import BenefitView, Citation, PieceKind, benefit_view, citation
from .wording import (
    HANDOUT_CAUTIONS_HEADING,
    HANDOUT_CAUTIONS_INTRO,
    HANDOUT_VERDICT_NOTE,
    cited_by,
    handout_coverage,
    handout_safety_pointer,
    source_line,
)


@dataclass(frozen=True)
class Handout:
    """What goes on the sheet."""

    catalogue: Catalogue
    benefits: Sequence[Benefit]
    title: str
    made_on: date
    client: str | None = None
    notes: str | None = None
    evidence: bool = True

    @property
    def cautions(self) -> tuple[Caution, ...]:
        """Every caution of the catalogue: a sheet a client takes home always carries them all."""
        return self.catalogue.cautions

    @property
    def framing(self) -> list[str]:
        """How much of the catalogue the sheet holds and, with evidence, how to read a verdict."""
        lines = [handout_coverage(len(self.benefits), len(self.catalogue.benefits))]
        if self.evidence and any(benefit.evidence for benefit in self.benefits):
            lines.append(HANDOUT_VERDICT_NOTE)
        return lines

    @property
    def views(self) -> list[BenefitView]:
        """Each chosen benefit's details, as every view holds them."""
        return [benefit_view(self.catalogue, benefit) for benefit in self.benefits]

    @property
    def references(self) -> list[Citation]:
        """Every source the chosen benefits cite, once each, in order of first citation.

        Each says which of the sheet's own benefits cite it: the sheet names no others.
        """
        if not self.evidence:
            return []
        seen: dict[str, Reference] = {}
        for benefit in self.benefits:
            for reference_id in benefit.evidence.references if benefit.evidence else ():
                if reference := self.catalogue.reference(reference_id):
                    seen.setdefault(reference_id, reference)
        return [citation(r, cited_by(self._citing(r.id))) for r in seen.values()]

    def _citing(self, reference_id: str) -> list[Benefit]:
        citing = self.catalogue.citing(reference_id)
        return [benefit for benefit in self.benefits if benefit in citing]


def human_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def paragraphs(text: str) -> list[list[str]]:
    """The therapist's note as they typed it: paragraphs (split at blank lines) of lines."""
    result: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            result[-1].append(line.strip())
        elif result[-1]:
            result.append([])
    return [paragraph for paragraph in result if paragraph]


def to_markdown(handout: Handout) -> str:
    esc, one = markdown.escape, markdown.inline
    catalogue = handout.catalogue
    lines = [f"# {one(handout.title)}", ""]
    if handout.client:
        lines += [f"**Prepared for:** {one(handout.client)}", ""]
    lines += [f"*Made on {human_date(handout.made_on)}.*", ""]
    if catalogue.introduction:
        lines += [esc(catalogue.introduction), ""]
    lines += [esc(" ".join(handout.framing)), ""]
    lines += _cautions_markdown(handout.cautions)
    for view in handout.views:
        lines += [
            f"## {view.line.id}. {one(view.line.title)}",
            "",
            f"**{one(view.line.summary)}**",
            "",
            esc(view.description),
            "",
        ]
        if handout.evidence and view.evidence:
            verdict = markdown.verdict_with_meaning(view.evidence.verdict)
            lines += [
                f"*What the research says: {verdict}.* {esc(view.evidence.summary)}",
                "",
            ]
        if view.cautions:
            lines += [esc(handout_safety_pointer([c.title for c in view.cautions])), ""]
    if catalogue.closing:
        lines += [f"*{one(catalogue.closing)}*", ""]
    if handout.notes:
        lines += ["## Notes from your therapist", ""]
        for paragraph in paragraphs(handout.notes):
            # A backslash at a line's end is Markdown's line break: the note keeps its lines.
            lines += ["\\\n".join(esc(line) for line in paragraph), ""]
    if handout.references:
        lines += ["## References", ""]
        lines += [
            f"{number}. {_reference_markdown(reference)} {esc(reference.cited_by)}"
            for number, reference in enumerate(handout.references, 1)
        ]
        lines.append("")
    lines += ["---", ""]
    if source_line(catalogue):
        lines += [f"*Source:* {one(source_line(catalogue))}", ""]
    lines += [f"**Disclaimer:** {one(catalogue.disclaimer)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _cautions_markdown(cautions: Sequence[Caution]) -> list[str]:
    esc, one = markdown.escape, markdown.inline
    if not cautions:
        return []
    lines = [f"## {one(HANDOUT_CAUTIONS_HEADING)}", "", esc(HANDOUT_CAUTIONS_INTRO), ""]
    for caution in cautions:
        lines += [
            f"- **{one(caution.title)}.** *Who:* {one(caution.who)} {one(caution.text)}",
        ]
    return [*lines, ""]


def _reference_markdown(reference: Citation) -> str:
    text = markdown.citation(reference)
    if reference.url:
        text += f" {markdown.link(reference.url, reference.url)}"
    return text


_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 46rem; padding: 2rem 1.5rem; color: #1a1a1a; background: #ffffff;
  font: 1rem/1.55 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .4rem; color: #0b3d5c; }
h2 { font-size: 1.3rem; margin: 0 0 .4rem; color: #0b3d5c; }
header { border-bottom: 3px solid #0b3d5c; margin-bottom: 1.2rem; padding-bottom: .6rem; }
header p { margin: .15rem 0; }
.client { font-size: 1.1rem; font-weight: 600; }
.made { color: #4a4a4a; }
.disclaimer { font-weight: 600; }
header .disclaimer { margin-top: .5rem; padding: .35rem .6rem; background: #fff6e0; border-left: 4px solid #b7791f; }
.intro { font-size: 1.05rem; }
.benefit { border: 1px solid #c8d3dc; border-radius: 6px; padding: .9rem 1.1rem; margin: 0 0 1rem; }
.summary { font-weight: 600; }
.evidence { border-left: 4px solid #6b7c8a; background: #f3f6f8; padding: .5rem .8rem; margin: .6rem 0 0; }
.verdict { font-weight: 700; }
.safety { margin: .5rem 0 0; color: #8a1c1c; }
.notes { border: 2px dashed #0b3d5c; padding: .8rem 1.1rem; margin: 1.2rem 0; }
.cautions { border: 2px solid #8a1c1c; border-radius: 6px; padding: .8rem 1.1rem; margin: 0 0 1.2rem; }
.cautions h2 { color: #8a1c1c; }
.cautions ul { padding-left: 1.2rem; margin: .4rem 0 0; }
.caution { margin-bottom: .5rem; }
.meaning { font-style: italic; }
.closing { font-style: italic; }
.references li { margin-bottom: .3rem; }
.cited { color: #4a4a4a; }
.whole { white-space: nowrap; }
a { color: #0b4f8a; }
footer { border-top: 1px solid #c8d3dc; margin-top: 1.5rem; padding-top: .6rem; color: #333333; font-size: .92rem; }
@media print {
  @page {
    margin: 14mm 15mm 16mm;
    @bottom-left { font: 8pt sans-serif; color: #4a4a4a; }
    @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #4a4a4a; }
  }
  body { max-width: none; padding: 0; font-size: 10.5pt; line-height: 1.45; }
  h1 { font-size: 20pt; }
  h2 { font-size: 13pt; }
  header { margin-bottom: .8rem; }
  .intro { font-size: 10.5pt; }
  /* A long card or section may run onto the next page, but only between paragraphs: a
     heading stays with the text under it, and no paragraph leaves one line behind. */
  .benefit { border: 0; border-top: 2px solid #c8d3dc; border-radius: 0; padding: .5rem 0 0; margin: 0 0 .7rem; }
  .cautions { -webkit-box-decoration-break: clone; box-decoration-break: clone; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 + p, .summary { break-before: avoid; page-break-before: avoid; }
  p, li { orphans: 3; widows: 3; }
  .evidence, .caution, .references li, .notes p { break-inside: avoid; page-break-inside: avoid; }
  .notes { margin: .8rem 0; }
  .references { font-size: 9.5pt; }
  .references h2 { font-size: 13pt; }
  footer { margin-top: .8rem; padding-top: .4rem; font-size: 9pt; }
  footer p { margin: .3rem 0; }
  a { color: #1a1a1a; text-decoration: none; }
}
""".strip()


PAPER_SIZES = {"a4": "A4", "letter": "letter"}


def css_string(text: str) -> str:
    """Text as a quoted CSS string: all but letters, digits and spaces as escapes (`\\3c `),
    so no quote, backslash or `</style>` in a title can end the string or the sheet."""
    return (
        '"'
        + "".join(
            c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):x} " for c in text
        )
        + '"'
    )


def _page_style(handout: Handout, paper: str | None) -> str:
    """The printed page: its size if chosen, and the title in the running footer."""
    size = f"size: {PAPER_SIZES[paper]}; " if paper else ""
    return (
        f"<style>@page {{ {size}@bottom-left {{ content: {css_string(handout.title)}; }} }}</style>"
    )


def to_html(handout: Handout, lang: str = "en", paper: str | None = None) -> str:
    """The handout as one page; `paper` fixes the printed page size (PDF, or HTML printed)."""
    esc = html.escape
    catalogue = handout.catalogue
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{esc(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(handout.title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        _page_style(handout, paper),
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(handout.title)}</h1>",
    ]
    if handout.client:
        parts.append(f'<p class="client">Prepared for: {esc(handout.client)}</p>')
    parts += [
        f'<p class="made">Made on <time datetime="{handout.made_on.isoformat()}">{human_date(handout.made_on)}</time></p>',
        # On the first page, where every reader sees it, not after the references.
        f'<p class="disclaimer">{esc(catalogue.disclaimer)}</p>',
        "</header>",
        "<main>",
    ]
    if catalogue.introduction:
        parts.append(f'<p class="intro">{esc(catalogue.introduction)}</p>')
    parts += [f'<p class="framing">{esc(line)}</p>' for line in handout.framing]
    parts += _cautions_html(handout.cautions)
    for view in handout.views:
        parts += [
            f'<article class="benefit" id="benefit-{view.line.id}">',
            f"<h2>{view.line.id}. {esc(view.line.title)}</h2>",
            f'<p class="summary">{esc(view.line.summary)}</p>',
            f"<p>{esc(view.description)}</p>",
        ]
        if handout.evidence and view.evidence:
            verdict = view.evidence.verdict
            parts.append(
                f'<p class="evidence"><span class="verdict">What the research says: {esc(verdict.label)}</span>'
                + (
                    f' <span class="meaning">({esc(verdict.meaning)})</span>'
                    if verdict.meaning
                    else ""
                )
                + f". {esc(view.evidence.summary)}</p>"
            )
        if view.cautions:
            pointer = handout_safety_pointer([c.title for c in view.cautions])
            parts.append(f'<p class="safety">{esc(pointer)}</p>')
        parts.append("</article>")
    if catalogue.closing:
        parts.append(f'<p class="closing">{esc(catalogue.closing)}</p>')
    if handout.notes:
        parts += [
            '<section class="notes">',
            "<h2>Notes from your therapist</h2>",
            *(
                "<p>" + "<br>\n".join(esc(line) for line in paragraph) + "</p>"
                for paragraph in paragraphs(handout.notes)
            ),
            "</section>",
        ]
    if handout.references:
        parts += ['<section class="references">', "<h2>References</h2>", "<ol>"]
        parts += [
            f"<li>{_reference_html(reference)}{_cited_html(reference)}</li>"
            for reference in handout.references
        ]
        parts += ["</ol>", "</section>"]
    parts += ["</main>", "<footer>"]
    if source_line(catalogue):
        parts.append(f"<p>Source: {esc(source_line(catalogue))}</p>")
    parts += [
        f"<p>{esc(catalogue.disclaimer)}</p>",
        "</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _cautions_html(cautions: Sequence[Caution]) -> list[str]:
    esc = html.escape
    if not cautions:
        return []
    parts = [
        '<section class="cautions">',
        f"<h2>{esc(HANDOUT_CAUTIONS_HEADING)}</h2>",
        f"<p>{esc(HANDOUT_CAUTIONS_INTRO)}</p>",
        "<ul>",
    ]
    for caution in cautions:
        parts.append(
            f'<li class="caution"><strong>{esc(caution.title)}</strong><br>'
            f"<em>Who:</em> {esc(caution.who)}<br>{esc(caution.text)}</li>"
        )
    return [*parts, "</ul>", "</section>"]


# How each piece of a citation is marked up. Volume, issue and pages (`32(15-16):4362-4373`)
# are kept whole on a line: a browser would break them at a hyphen.
_CITATION_HTML: dict[PieceKind, str] = {
    "journal": "<i>{}</i>",
    "volume": '<span class="whole">{}</span>',
}


def _reference_html(reference: Citation) -> str:
    text = "".join(
        _CITATION_HTML.get(kind, "{}").format(html.escape(piece))
        for piece, kind in reference.pieces
    )
    # The link too is kept whole: a browser would break it at a slash.
    if reference.url:
        text += f' <a class="whole" href="{html.escape(reference.url)}">{html.escape(reference.url)}</a>'
    return text


def _cited_html(reference: Citation) -> str:
    if not reference.cited_by:
        return ""
    return f' <span class="cited">{html.escape(reference.cited_by)}</span>'
