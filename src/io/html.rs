//! Saved web pages: the article's title, publication date and body as plain text.
//!
//! Why a small scanner of our own rather than a browser engine: a saved news page is read for
//! its words only. Nothing in it is run or fetched (scripts, styles, frames and embedded
//! objects are dropped unread), and a tolerant one-pass scan copes with the unclosed `<p>` and
//! `<li>` real pages are full of. What a reader of the page would not call the article (menus,
//! headers, footers, sidebars, related-article lists, share buttons) is dropped by tag and by
//! the usual class and id words; when the page marks its article (`<article>`,
//! `itemprop="articleBody"`, the common body classes), the largest such block is the text.
//!
//! The result is laid out like a report pasted into a `.txt` file (title line, date line,
//! paragraphs separated by blank lines, table rows as tab-separated lines), so the extractor
//! reads both alike and every span points into the text the reader shows.

use super::corpus::{ReadError, ReadText, Reader};
use super::decode::decode;

/// `.html`, `.htm` and `.xhtml` pages.
pub struct HtmlReader;

impl Reader for HtmlReader {
    fn name(&self) -> &'static str {
        "web page"
    }
    fn extensions(&self) -> &'static [&'static str] {
        &["html", "htm", "xhtml"]
    }
    fn read(&self, bytes: &[u8]) -> Result<ReadText, ReadError> {
        let (source, encoding, note) = decode_page(bytes)?;
        let text = page_text(&source);
        if text.trim().is_empty() {
            return Err(ReadError::Format(
                "the web page has no article text (only markup, scripts or menus)".to_owned(),
            ));
        }
        Ok(ReadText {
            text: crate::text::nfc_owned(text),
            encoding,
            note,
        })
    }
}

/// Decodes a page: the charset its `<meta>` declares when that is not UTF-8 and the bytes
/// are not UTF-8 either, otherwise as any text file.
fn decode_page(bytes: &[u8]) -> Result<(String, String, Option<String>), ReadError> {
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if !valid_utf8
        && let Some(label) = declared_charset(bytes)
        && let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes())
        && enc != encoding_rs::UTF_8
    {
        let (cow, _, had_errors) = enc.decode(bytes);
        let note = Some(if had_errors {
            format!(
                "read as {} (declared by the page), with some bytes replaced",
                enc.name()
            )
        } else {
            format!("read as {} (declared by the page)", enc.name())
        });
        return Ok((cow.into_owned(), enc.name().to_owned(), note));
    }
    let d = decode(bytes)?;
    Ok((d.text, d.encoding, d.note))
}

/// The charset named in the first 2 KB (`<meta charset=…>` or `content="…; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = memchr::memmem::find(&lower, b"charset=")? + b"charset=".len();
    let rest = &lower[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .unwrap_or(rest.len());
    let label = String::from_utf8_lossy(&rest[..end]).into_owned();
    (!label.is_empty()).then_some(label)
}

/// Elements whose content is not text and is never looked at.
const RAW: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "svg", "math", "iframe", "object",
    "canvas", "video", "audio",
];
/// Elements that hold page furniture, not the article.
const FURNITURE: &[&str] = &[
    "nav", "header", "footer", "aside", "form", "menu", "button", "select", "figure", "dialog",
];
/// Class and id words of page furniture ("box-related-news", "breadcrumb", "share-tools").
const FURNITURE_WORDS: &[&str] = &[
    "related",
    "relate",
    "lienquan",
    "menu",
    "nav",
    "navbar",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "header",
    "sidebar",
    "comment",
    "comments",
    "share",
    "social",
    "banner",
    "advert",
    "ads",
    "adv",
    "quangcao",
    "popup",
    "cookie",
    "newsletter",
    "subscribe",
    "login",
    "tags",
    "toolbar",
    "hotline",
    "mostread",
    "docnhieu",
];
/// Class words of an article's body on common news sites.
const BODY_CLASSES: &[&str] = &[
    "article-body",
    "articlebody",
    "article-content",
    "article__body",
    "detail-content",
    "detail__content",
    "content-detail",
    "fck_detail",
    "news-content",
    "post-content",
    "entry-content",
    "the-article-body",
    "body-content",
    "maincontent",
];
/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "dl",
    "address",
    "center",
    "hr",
    "caption",
    "figcaption",
    "time",
];
/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// A line of the page's text and where it stood.
struct Line {
    text: String,
    /// The article block it belongs to (numbered in page order), if any.
    block: Option<usize>,
    /// A table row: kept next to the other rows, without a blank line between.
    row: bool,
}

/// What the scan gathers.
#[derive(Default)]
struct Page {
    lines: Vec<Line>,
    title_tag: Option<String>,
    og_title: Option<String>,
    /// (text, article block) of each `<h1>`.
    h1: Vec<(String, Option<usize>)>,
    published: Option<String>,
}

/// One tag: its lower-case name, whether it closes, and its attributes.
pub(crate) struct Tag<'a> {
    pub(crate) name: String,
    pub(crate) closing: bool,
    pub(crate) self_closing: bool,
    attrs: Vec<(String, &'a str)>,
}

impl Tag<'_> {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }
}

/// Parses the tag starting at `s[0] == '<'`; returns it and its length, or `None` when `<` does
/// not open a tag (a lone "<" in text).
pub(crate) fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(1) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    if i == name_start {
        return None;
    }
    let name = s[name_start..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        match b.get(i) {
            None => return Some((tag(name, closing, self_closing, attrs), b.len())),
            Some(b'>') => {
                return Some((tag(name, closing, self_closing, attrs), i + 1));
            }
            Some(b'/') => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        // Every pass consumes something: a name, or the '=' of a value without a name.
        let an_start = i;
        while i < b.len() && !matches!(b[i], b'=' | b'>' | b'/') && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let an = s[an_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let end = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e);
                    value = &s[i + 1..end];
                    i = (end + 1).min(b.len());
                }
                _ => {
                    let vs = i;
                    while i < b.len() && b[i] != b'>' && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                    value = &s[vs..i];
                }
            }
        }
        if !an.is_empty() {
            attrs.push((an, value));
        }
    }
}

fn tag(name: String, closing: bool, self_closing: bool, attrs: Vec<(String, &str)>) -> Tag<'_> {
    Tag {
        name,
        closing,
        self_closing,
        attrs,
    }
}

/// The class and id words of a tag, split at '-', '_' and spaces, lower case.
fn class_words(t: &Tag) -> Vec<String> {
    let mut v = Vec::new();
    for a in ["class", "id"] {
        if let Some(val) = t.attr(a) {
            for w in val.split_ascii_whitespace() {
                let w = w.to_ascii_lowercase();
                v.extend(w.split(['-', '_']).map(str::to_owned));
                v.push(w);
            }
        }
    }
    v
}

fn is_furniture(t: &Tag) -> bool {
    FURNITURE.contains(&t.name.as_str())
        || class_words(t)
            .iter()
            .any(|w| FURNITURE_WORDS.contains(&w.as_str()))
}

fn is_body(t: &Tag) -> bool {
    t.name == "article"
        || t.attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articlebody"))
        || t.attr("class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|w| BODY_CLASSES.contains(&w.to_ascii_lowercase().as_str()))
        })
}

/// Gathers a page's lines, title and date in one pass.
fn scan(src: &str) -> Page {
    let mut p = Page::default();
    // Open elements: (name, drops its content, opens an article block).
    let mut open: Vec<(String, bool, bool)> = Vec::new();
    let mut dropped = 0usize;
    let mut blocks = 0usize;
    let mut body: Vec<usize> = Vec::new();
    let mut cur = String::new();
    let mut cur_row = false;
    let mut in_pre = 0usize;
    let mut h1: Option<String> = None;
    let flush = |p: &mut Page, cur: &mut String, row: &mut bool, body: &[usize]| {
        let t = collapse(cur);
        if !t.is_empty() {
            p.lines.push(Line {
                text: t,
                block: body.first().copied(),
                row: *row,
            });
        }
        cur.clear();
        *row = false;
    };
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr::memchr(b'<', &b[i..]).map(|x| i + x) else {
            if dropped == 0 {
                push_text(&mut cur, &src[i..], in_pre > 0, h1.as_mut());
            }
            break;
        };
        if lt > i && dropped == 0 {
            push_text(&mut cur, &src[i..lt], in_pre > 0, h1.as_mut());
        }
        let rest = &src[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(b.len(), |e| lt + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = rest.find('>').map_or(b.len(), |e| lt + e + 1);
            continue;
        }
        let Some((t, len)) = parse_tag(rest) else {
            if dropped == 0 {
                cur.push('<');
            }
            i = lt + 1;
            continue;
        };
        i = lt + len;
        let name = t.name.as_str();
        if !t.closing && !t.self_closing && (RAW.contains(&name) || name == "title") {
            // Raw text: skip to the end tag, keeping only the title's words.
            let close = format!("</{name}");
            let end = find_ci(&src[i..], &close).map_or(b.len(), |e| i + e);
            if name == "title" && p.title_tag.is_none() {
                p.title_tag = Some(collapse(&decode_entities(&src[i..end])));
            }
            i = src[end..].find('>').map_or(b.len(), |e| end + e + 1);
            continue;
        }
        if name == "meta" {
            meta(&t, &mut p);
            continue;
        }
        if name == "time"
            && dropped == 0
            && p.published.is_none()
            && let Some(d) = t.attr("datetime")
        {
            p.published = Some(d.to_owned());
        }
        let block = BLOCKS.contains(&name);
        if block && dropped == 0 {
            flush(&mut p, &mut cur, &mut cur_row, &body);
        }
        if t.closing {
            if let Some(pos) = open.iter().rposition(|(n, _, _)| n == name) {
                for (n, drops, opens_body) in open.drain(pos..).rev() {
                    dropped -= usize::from(drops);
                    if opens_body {
                        body.pop();
                    }
                    if n == "pre" {
                        in_pre = in_pre.saturating_sub(1);
                    }
                    if n == "h1"
                        && let Some(h) = h1.take()
                    {
                        p.h1.push((collapse(&h), body.first().copied()));
                    }
                }
            }
            continue;
        }
        if (name == "td" || name == "th") && dropped == 0 {
            if !cur.trim().is_empty() {
                cur.push('\t');
            }
            cur_row = true;
        }
        if VOID.contains(&name) || t.self_closing {
            continue;
        }
        // An article's own block wins over furniture words in its classes ("fck_detail
        // block_ads"); inside it, a <header> holds the title and date, not page furniture.
        let opens_body = dropped == 0 && is_body(&t);
        let header_in_body = name == "header" && !body.is_empty();
        let drops = dropped == 0 && !opens_body && !header_in_body && is_furniture(&t);
        if drops {
            dropped += 1;
        }
        if opens_body {
            body.push(blocks);
            blocks += 1;
        }
        if name == "pre" {
            in_pre += 1;
        }
        if name == "h1" && dropped == 0 && h1.is_none() {
            h1 = Some(String::new());
        }
        open.push((t.name, drops, opens_body));
    }
    flush(&mut p, &mut cur, &mut cur_row, &body);
    if let Some(h) = h1 {
        p.h1.push((collapse(&h), body.first().copied()));
    }
    p
}

/// Reads the `<meta>` tags that name a title or a publication date.
fn meta(t: &Tag, p: &mut Page) {
    let key = t
        .attr("property")
        .or_else(|| t.attr("name"))
        .or_else(|| t.attr("itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some(content) = t.attr("content") else {
        return;
    };
    let content = collapse(&decode_entities(content));
    if content.is_empty() {
        return;
    }
    match key.as_str() {
        "og:title" | "twitter:title" if p.og_title.is_none() => p.og_title = Some(content),
        "article:published_time"
        | "og:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "dc.date.issued"
        | "dc.date"
        | "date"
            if p.published.is_none() =>
        {
            p.published = Some(content);
        }
        _ => {}
    }
}

/// Appends text found between tags: entities decoded, and (outside `<pre>`) every run of
/// whitespace one space.
fn push_text(cur: &mut String, raw: &str, pre: bool, h1: Option<&mut String>) {
    let t = decode_entities(raw);
    if let Some(h) = h1 {
        h.push_str(&t);
        h.push(' ');
    }
    if pre {
        cur.push_str(&t);
    } else {
        for (k, w) in t.split(char::is_whitespace).enumerate() {
            if k > 0 {
                cur.push(' ');
            }
            cur.push_str(w);
        }
    }
}

/// Every run of spaces one space, within each table cell and line; the ends trimmed.
pub(crate) fn collapse(s: &str) -> String {
    let lines: Vec<String> = s
        .split('\n')
        .map(|line| {
            line.split('\t')
                .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect();
    lines.join("\n").trim_matches([' ', '\n']).to_owned()
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

/// The page's text: title line, date line, then the article's lines.
pub fn page_text(src: &str) -> String {
    let page = scan(src);
    // The article: the marked block with the most text, or every line when none is marked.
    let mut sizes: Vec<usize> = Vec::new();
    for l in &page.lines {
        if let Some(bk) = l.block {
            if sizes.len() <= bk {
                sizes.resize(bk + 1, 0);
            }
            sizes[bk] += l.text.len();
        }
    }
    let chosen = sizes
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
        .map(|(k, _)| k);
    let lines: Vec<&Line> = page
        .lines
        .iter()
        .filter(|l| chosen.is_none() || l.block == chosen)
        .collect();
    let title = page
        .h1
        .iter()
        .find(|(t, bk)| !t.is_empty() && (chosen.is_none() || *bk == chosen))
        .map(|(t, _)| t.clone())
        .or_else(|| page.og_title.clone())
        .or_else(|| page.title_tag.as_deref().map(strip_site_name))
        .or_else(|| page.h1.first().map(|(t, _)| t.clone()))
        .unwrap_or_default();
    let mut out = String::new();
    if !title.is_empty() {
        out.push_str(&title);
        out.push_str("\n\n");
    }
    if let Some(d) = page.published.as_deref().and_then(format_date) {
        let in_text = lines.iter().take(8).any(|l| l.text.contains(&d[..10]));
        if !in_text {
            out.push_str(&d);
            out.push_str("\n\n");
        }
    }
    // The article's first line is usually its title: not written twice.
    let body = match lines.split_first() {
        Some((first, rest)) if first.text == title => rest,
        _ => &lines[..],
    };
    push_lines(&mut out, body.iter().map(|l| (l.text.as_str(), l.row)));
    out
}

/// Lays lines out like a report pasted into a text file: a blank line between paragraphs,
/// table rows (`true`) on consecutive lines, a final line break.
pub(crate) fn push_lines<'a>(out: &mut String, lines: impl IntoIterator<Item = (&'a str, bool)>) {
    let mut prev_row: Option<bool> = None;
    for (text, row) in lines {
        if let Some(p) = prev_row {
            out.push_str(if p && row { "\n" } else { "\n\n" });
        }
        out.push_str(text);
        prev_row = Some(row);
    }
    out.push('\n');
}

/// "Title - Site name" / "Title | Site": the title without the site's name.
fn strip_site_name(t: &str) -> String {
    for sep in [" | ", " - ", " – ", " — "] {
        if let Some(k) = t.rfind(sep) {
            let (head, tail) = (&t[..k], &t[k + sep.len()..]);
            if tail.chars().count() <= 40 && head.chars().count() >= 20 {
                return head.trim().to_owned();
            }
        }
    }
    t.trim().to_owned()
}

/// An ISO date ("2021-09-24", "2021-09-24T15:26:00+07:00") or "24/09/2021" as a dateline
/// "24/09/2021 15:26" (the time when given).
fn format_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (y, m, d, rest) = if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (digits(0..4)?, digits(5..7)?, digits(8..10)?, &s[10..])
    } else if b.len() >= 10 && b[2] == b'/' && b[5] == b'/' {
        (digits(6..10)?, digits(3..5)?, digits(0..2)?, &s[10..])
    } else {
        return None;
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1900..=2200).contains(&y) {
        return None;
    }
    let mut out = format!("{d:02}/{m:02}/{y}");
    let r = rest.trim_start_matches(['T', ' ']).as_bytes();
    if r.len() >= 5 && r[2] == b':' && r[..2].iter().chain(&r[3..5]).all(u8::is_ascii_digit) {
        out.push(' ');
        out.push_str(&rest.trim_start_matches(['T', ' '])[..5]);
    }
    Some(out)
}

/// Decodes character references: numeric ones and the named ones Vietnamese pages use.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|e| e + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let v = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            v.and_then(char::from_u32)
                .filter(|c| *c != '\0')
                .map(String::from)
        } else {
            named_entity(name).map(str::to_owned)
        };
        match decoded {
            Some(d) if end > 1 => {
                out.push_str(&d);
                rest = &rest[end..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        "ndash" => "–",
        "mdash" => "—",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "copy" => "©",
        "reg" => "®",
        "deg" => "°",
        "percnt" => "%",
        "agrave" => "à",
        "aacute" => "á",
        "acirc" => "â",
        "atilde" => "ã",
        "egrave" => "è",
        "eacute" => "é",
        "ecirc" => "ê",
        "igrave" => "ì",
        "iacute" => "í",
        "ograve" => "ò",
        "oacute" => "ó",
        "ocirc" => "ô",
        "otilde" => "õ",
        "ugrave" => "ù",
        "uacute" => "ú",
        "yacute" => "ý",
        "Agrave" => "À",
        "Aacute" => "Á",
        "Acirc" => "Â",
        "Atilde" => "Ã",
        "Egrave" => "È",
        "Eacute" => "É",
        "Ecirc" => "Ê",
        "Igrave" => "Ì",
        "Iacute" => "Í",
        "Ograve" => "Ò",
        "Oacute" => "Ó",
        "Ocirc" => "Ô",
        "Otilde" => "Õ",
        "Ugrave" => "Ù",
        "Uacute" => "Ú",
        "Yacute" => "Ý",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8">
<title>Quận Ô Môn có 433 ca COVID-19 - Báo Cần Thơ</title>
<meta property="og:title" content="Quận Ô Môn có 433 ca COVID-19">
<meta property="article:published_time" content="2021-09-24T15:26:00+07:00">
<script>var cases = 999; document.write("<p>1.000 ca</p>");</script>
<style>p { color: red }</style>
</head><body>
<nav><ul><li>Trang chủ</li><li>Thời sự 24h</li></ul></nav>
<header class="site-header">Hotline 0292 3 123 456</header>
<article class="detail">
<h1>Quận Ô Môn có 433 ca COVID-19</h1>
<p>Đến ngày 23/9, quận Ô Môn có 433 ca COVID-19, đã tiêm được 22.248 liều&nbsp;vắc xin.
<p>Quận phong tỏa 99 điểm, với 2.008 hộ &amp; 4.435 nhân khẩu.</p>
<table><tr><td>Phường</td><td>Ca mắc</td></tr><tr><td>Châu Văn Liêm</td><td>120</td></tr></table>
<div class="box-related-news"><ul><li>Hà Nội: 80 ca mắc mới (25/10)</li></ul></div>
</article>
<aside><p>Đọc nhiều: 5.000 ca</p></aside>
<footer>© 2021 Báo Cần Thơ. Điện thoại 0292 3 821 111</footer>
</body></html>"#;

    #[test]
    fn a_saved_page_gives_its_title_date_and_article_only() {
        let t = page_text(PAGE);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "Quận Ô Môn có 433 ca COVID-19");
        assert_eq!(lines[2], "24/09/2021 15:26");
        assert!(t.contains("đã tiêm được 22.248 liều vắc xin."), "{t}");
        assert!(t.contains("với 2.008 hộ & 4.435 nhân khẩu."), "{t}");
        assert!(t.contains("Phường\tCa mắc\nChâu Văn Liêm\t120"), "{t}");
        for junk in [
            "999",
            "1.000",
            "Trang chủ",
            "Hotline",
            "5.000",
            "80 ca",
            "color",
            "©",
        ] {
            assert!(!t.contains(junk), "{junk} leaked into {t}");
        }
    }

    #[test]
    fn the_article_block_wins_over_furniture_words_and_keeps_its_header() {
        let t = page_text(
            "<div class=\"fck_detail block_ads\"><header><h1>Tiêu đề bài</h1><time datetime=\"2021-09-23\">23/9</time></header><p>Quận Ô Môn có 433 ca.</p></div><aside><time datetime=\"2020-01-01\">x</time></aside>",
        );
        assert!(t.starts_with("Tiêu đề bài\n\n23/09/2021\n\n"), "{t}");
        assert!(t.contains("Quận Ô Môn có 433 ca."), "{t}");
    }

    #[test]
    fn pages_without_an_article_mark_keep_all_their_text() {
        let t = page_text("<html><body><p>Có 12 ca.<p>Và 3 ca nữa.</body></html>");
        assert_eq!(t, "Có 12 ca.\n\nVà 3 ca nữa.\n");
    }

    #[test]
    fn the_declared_charset_is_used_for_bytes_that_are_not_utf8() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1252.encode("<meta charset=\"windows-1252\"><p>Café 12</p>");
        let r = HtmlReader.read(&bytes).unwrap();
        assert_eq!(r.text, "Café 12\n");
        assert!(r.note.unwrap().contains("declared"));
    }

    #[test]
    fn a_value_without_a_name_before_a_wide_character_is_skipped_whole() {
        // Found by proptest: the scan stepped one byte past a quoted value into "躜".
        let t = page_text("</p//='};\"nî '躜x> có 12 ca");
        assert!(t.contains("có 12 ca"), "{t}");
        let t = page_text("<a ='x'躜>Hà Nội 5 ca</a>");
        assert_eq!(t, "Hà Nội 5 ca\n");
    }

    #[test]
    fn entities_and_broken_markup_do_not_break_the_scan() {
        assert_eq!(
            decode_entities("a &lt; b &amp;&amp; c &#7871; &#x1EBF; &bogus; &"),
            "a < b && c ế ế &bogus; &"
        );
        let t = page_text("<p>1 < 2 <b>đậm</b> <a href='x'>liên kết</a> <p unclosed");
        assert!(t.contains("1 < 2 đậm liên kết"), "{t}");
        assert!(
            HtmlReader
                .read(b"<html><script>x=1</script></html>")
                .is_err()
        );
    }
}
