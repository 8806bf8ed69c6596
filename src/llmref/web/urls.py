"""Every URL of the site, built in one place.

:class:`Urls` builds site paths (``/models/gpt-4o-mini``). :class:`Links` turns them into links
*relative to the page being rendered*, so the same HTML works under any prefix and from any
static host. In a static export each page is written to ``<path>/index.html`` and links name that
file explicitly, so the exported site works even without a server's directory index; a link to a
page the export does not contain (a query-string URL, a pair outside the top N) is ``None`` and
is rendered as plain text.

Canonical forms (documented in docs/web.md):

* a comparison of two models is ``/compare/<a>-vs-<b>`` with the two catalogue ids in
  alphabetical order; aliases and the reversed order redirect (301) there;
* an N-way comparison is ``/compare?models=a,b,c`` with the ids deduplicated and sorted.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from functools import lru_cache
from urllib.parse import quote, urlencode

PAIR_SEPARATOR = "-vs-"
API = "/api/v1"


@lru_cache(maxsize=65536)
def _seg(value: str) -> str:
    # Catalogue ids are URL-safe already (schema.ID_PATTERN); quoting only guards odd input.
    return quote(value, safe=":+@")


def pair_ids(a: str, b: str) -> tuple[str, str]:
    """The canonical order of a pair: alphabetical by catalogue id."""
    return (a, b) if a <= b else (b, a)


def many_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """The canonical order of an N-way comparison: unique ids, alphabetical."""
    return tuple(sorted(set(ids)))


def split_pair(slug: str) -> list[tuple[str, str]]:
    """Every way of reading `slug` as ``<a>-vs-<b>``. Ids may themselves contain ``-vs-``, so
    the caller resolves each candidate against the catalogue and keeps the one that fits."""
    out: list[tuple[str, str]] = []
    start = 0
    while True:
        at = slug.find(PAIR_SEPARATOR, start)
        if at < 0:
            return out
        left, right = slug[:at], slug[at + len(PAIR_SEPARATOR) :]
        if left and right:
            out.append((left, right))
        start = at + 1


def _query(params: Mapping[str, object] | None) -> str:
    if not params:
        return ""
    pairs = [(k, str(v)) for k, v in params.items() if v is not None and v != ""]
    return "?" + urlencode(pairs, safe=",:+") if pairs else ""


class Urls:
    """Site paths. Every page has an HTML form and a ``.json`` twin (``fmt="json"``)."""

    def _out(self, path: str) -> str | None:
        return path

    @staticmethod
    def _ext(fmt: str) -> str:
        return ".json" if fmt == "json" else ""

    # ---- pages -----------------------------------------------------------------------------
    def home(self, fmt: str = "html") -> str | None:
        return self._out("/index.json" if fmt == "json" else "/")

    def search(
        self, q: str | None = None, fmt: str = "html", params: Mapping[str, object] | None = None
    ) -> str | None:
        return self._out("/search" + self._ext(fmt) + _query({"q": q, **(params or {})}))

    def models(self, fmt: str = "html", params: Mapping[str, object] | None = None) -> str | None:
        return self._out("/models" + self._ext(fmt) + _query(params))

    def model(self, model_id: str, fmt: str = "html") -> str | None:
        return self._out(f"/models/{_seg(model_id)}{self._ext(fmt)}")

    def vendors(self, fmt: str = "html", params: Mapping[str, object] | None = None) -> str | None:
        return self._out("/vendors" + self._ext(fmt) + _query(params))

    def vendor(
        self, vendor_id: str, fmt: str = "html", params: Mapping[str, object] | None = None
    ) -> str | None:
        return self._out(f"/vendors/{_seg(vendor_id)}{self._ext(fmt)}{_query(params)}")

    def providers(
        self, fmt: str = "html", params: Mapping[str, object] | None = None
    ) -> str | None:
        return self._out("/providers" + self._ext(fmt) + _query(params))

    def provider(
        self, provider_id: str, fmt: str = "html", params: Mapping[str, object] | None = None
    ) -> str | None:
        return self._out(f"/providers/{_seg(provider_id)}{self._ext(fmt)}{_query(params)}")

    def compare_pair(self, a: str, b: str, fmt: str = "html") -> str | None:
        first, second = pair_ids(a, b)
        return self._out(f"/compare/{_seg(first)}{PAIR_SEPARATOR}{_seg(second)}{self._ext(fmt)}")

    def compare_chart(self, a: str, b: str) -> str | None:
        first, second = pair_ids(a, b)
        return self._out(f"/compare/{_seg(first)}{PAIR_SEPARATOR}{_seg(second)}/chart.svg")

    def compare_many(self, ids: Iterable[str], fmt: str = "html") -> str | None:
        wanted = many_ids(ids)
        if len(wanted) == 2:
            return self.compare_pair(*wanted, fmt=fmt)
        return self._out("/compare" + self._ext(fmt) + _query({"models": ",".join(wanted)}))

    def calculator(
        self, params: Mapping[str, object] | None = None, fmt: str = "html"
    ) -> str | None:
        return self._out("/calculator" + self._ext(fmt) + _query(params))

    def chart(self, fmt: str = "html") -> str | None:
        return self._out("/chart" + self._ext(fmt))

    def chart_svg(self) -> str | None:
        return self._out("/chart.svg")

    def chart_for(self, benchmark: str, highlight: tuple[str, ...] = ()) -> str | None:
        """The chart of one benchmark version: its own page (``/chart/<id>``, which a static
        export writes), or with highlights a query URL (live site only)."""
        if not highlight:
            return self._out(f"/chart/{_seg(benchmark)}")
        params: dict[str, object] = {"benchmark": benchmark, "highlight": ",".join(highlight)}
        return self._out("/chart" + _query(params))

    def chart_svg_for(self, benchmark: str) -> str | None:
        """One benchmark version's chart as an SVG file."""
        return self._out(f"/chart/{_seg(benchmark)}.svg")

    def conflicts(
        self, fmt: str = "html", params: Mapping[str, object] | None = None
    ) -> str | None:
        """The conflicts page; ``params`` filter (``model``) and page (``page``) it."""
        return self._out("/conflicts" + self._ext(fmt) + _query(params))

    def sources(self, fmt: str = "html") -> str | None:
        return self._out("/sources" + self._ext(fmt))

    def source_anchor(self, source_id: str) -> str | None:
        base = self._out("/sources")
        return None if base is None else f"{base}#{source_anchor_id(source_id)}"

    def source_href(self, source: str) -> str | None:
        """Where a fact's source reference points: its URL, or the dataset's entry on the
        sources page."""
        if source.startswith(("http://", "https://")):
            return source
        return self.source_anchor(source)

    def feed(self, fmt: str = "html") -> str | None:
        return self._out("/feed" + self._ext(fmt))

    def feed_page(self, params: Mapping[str, object], fmt: str = "html") -> str | None:
        return self._out("/feed" + self._ext(fmt) + _query(params))

    def feed_item(self, item_id: str, fmt: str = "html") -> str | None:
        return self._out(f"/feed/{_seg(item_id)}{self._ext(fmt)}")

    def feed_atom(self) -> str | None:
        return self._out("/feed.atom")

    def catalog_atom(self) -> str | None:
        return self._out("/feed/catalog.atom")

    def api_docs(self) -> str | None:
        return self._out(f"{API}/docs")

    def openapi(self) -> str | None:
        return self._out(f"{API}/openapi.json")

    def sitemap(self) -> str | None:
        return self._out("/sitemap.xml")

    def static(self, name: str) -> str | None:
        return self._out(f"/static/{name}")


PATHS = Urls()
"""Site-absolute paths (redirect targets, the sitemap, the export's list of pages)."""


@lru_cache(maxsize=4096)
def source_anchor_id(source_id: str) -> str:
    """A stable HTML id for a source on the sources page."""
    return "src-" + "".join(ch if ch.isalnum() else "-" for ch in source_id.lower()).strip("-")


def file_for(path: str) -> str:
    """Where a site path is written in a static export (relative to the export root). A query
    string becomes folders, in its order: ``/conflicts?page=2`` is written to
    ``conflicts/page/2/index.html`` and its twin ``/conflicts.json?page=2`` to
    ``conflicts/page/2.json``."""
    path, _, query = path.split("#", 1)[0].partition("?")
    if path == "/":
        return "index.html"
    last = path.rsplit("/", 1)[-1]
    suffix = ""
    if "." in last and last.rsplit(".", 1)[1] in _FILE_SUFFIXES:
        path, suffix = path.rsplit(".", 1)
        suffix = "." + suffix
    if query:
        # Values as they are: the URL builder has quoted them already.
        path += "".join(f"/{k}/{v}" for k, _, v in (p.partition("=") for p in query.split("&")))
    return path.lstrip("/") + (suffix or "/index.html")


_FILE_SUFFIXES = frozenset({"json", "svg", "xml", "atom", "css", "js", "png", "ico", "txt"})


def _relative(target: str, base_dir: tuple[str, ...]) -> str:
    """`target` (absolute, '/'-separated) relative to the directory `base_dir` (segments)."""
    if base_dir and target.startswith("/"):
        head = base_dir[0]
        if not (target.startswith(head, 1) and target[len(head) + 1 : len(head) + 2] == "/"):
            # No folder in common: the link depends on the depth only, which pages share (a
            # static export puts each page in its own folder, all at the same depth).
            return _from_depth(target, len(base_dir))
    return _relative_to(target, base_dir)


@lru_cache(maxsize=65536)
def _from_depth(target: str, depth: int) -> str:
    return _relative_to(target, ("\0",) * depth)  # a folder name no path contains


@lru_cache(maxsize=65536)
def _relative_to(target: str, base_dir: tuple[str, ...]) -> str:
    # Cached: every page links the same few dozen site-wide targets from the same folders.
    path, sep, rest = target.partition("?")
    if not sep:
        path, sep, rest = target.partition("#")
    parts = path.split("/")[1:]
    common = 0
    limit = min(len(base_dir), len(parts) - 1)
    while common < limit and parts[common] == base_dir[common]:
        common += 1
    up = "../" * (len(base_dir) - common)
    tail = "/".join(parts[common:])
    link = up + tail
    if not link:
        link = "./"
    elif not up and ":" in tail.split("/", 1)[0]:
        link = "./" + link  # "a:b" alone would read as a URL scheme
    return link + sep + rest if sep else link


def twin_path(path: str) -> str:
    """The ``.json`` twin of a page path (``/`` -> ``/index.json``), query string kept."""
    base, sep, query = path.partition("?")
    base = "/index" if base in ("", "/") else base.rstrip("/")
    return f"{base}.json{sep}{query}"


def relative_link(target: str, current: str) -> str:
    """Site path `target` as a link from the page at site path `current` (served, not exported)."""
    return _relative(target, tuple(current.split("?", 1)[0].lstrip("/").split("/")[:-1]))


class Links(Urls):
    """Links relative to the page at `current` (a site path).

    `exported` is set for a static export: the set of site paths the export writes; links to
    anything else are ``None``. `targets` is a memo shared by the pages of one export (site
    path -> the file a link to it names), so each is worked out once."""

    def __init__(
        self,
        current: str,
        exported: Callable[[str], bool] | None = None,
        targets: dict[str, str | None] | None = None,
    ) -> None:
        self.current = current
        self.exported = exported
        self._targets: dict[str, str | None] = {} if targets is None else targets
        where = file_for(current) if exported is not None else current.split("?", 1)[0]
        self._base = tuple(where.lstrip("/").split("/")[:-1])
        # A served page's folder is shared by its kind (/compare/...), so links are cached by
        # folder; an exported page has a folder of its own, so by depth where that is enough.
        self._relative = _relative if exported is not None else _relative_to

    def twin(self) -> str | None:
        """The JSON twin of the current page."""
        return self._out(twin_path(self.current))

    def canonical(self, site_url: str | None) -> str | None:
        """The current page's own URL: absolute under `site_url` (the configured public
        address, never the request's Host header), else relative to itself (a static export
        without a base URL; None when the export does not write this page)."""
        if site_url:
            return site_url + self.current
        return self._out(self.current)

    def shared_key(self, *folders: str) -> Hashable:
        """A key under which pages may share a fragment whose links all point into the
        top-level `folders` (or off the site): a relative link differs only by the folders the
        two paths have in common, so pages at the same depth outside those folders get the
        same links."""
        base = self._base
        inside = bool(base) and base[0] in folders
        return (self.exported, base if inside else len(base))

    def _out(self, path: str) -> str | None:
        if self.exported is not None:
            try:
                target = self._targets[path]
            except KeyError:
                target = self._targets[path] = self._exported_file(path)
            if target is None:
                return None
            path = target
        return self._relative(path, self._base)

    def _exported_file(self, path: str) -> str | None:
        assert self.exported is not None
        if not self.exported(path.split("#", 1)[0]):
            return None  # not written (a query URL is only when the export lists it)
        anchor = path.partition("#")[2]
        return "/" + file_for(path) + ("#" + anchor if anchor else "")
