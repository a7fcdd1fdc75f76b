//! Lines and columns of byte offsets, in one pass over the text however many there are.

use crate::report::Position;

/// The 1-based line and column (in characters) of one byte offset.
pub(crate) fn line_column(src: &[u8], offset: usize) -> (usize, usize) {
    let position = positions(src, &[offset])[0];
    (position.line, position.column)
}

/// Lines and columns of byte offsets given in any order, reading the text once up to the largest: the
/// offsets are sorted, walked in one pass, and the positions returned in the order given.
pub(crate) fn positions(bytes: &[u8], offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![Position::default(); offsets.len()];
    let (mut line, mut cursor, mut column) = (1, 0, 1);
    for i in order {
        let offset = offsets[i].max(cursor).min(bytes.len());
        // Counted in one vectorised sweep (a pretty-printed document has a line break every few dozen
        // bytes, too often for a search per break to pay), then the last one found backwards.
        let span = &bytes[cursor..offset];
        let breaks = memchr::memchr_iter(b'\n', span).count();
        column = match memchr::memrchr(b'\n', span) {
            Some(at) if breaks > 0 => 1 + count_chars(&span[at + 1..]),
            _ => column + count_chars(span),
        };
        line += breaks;
        cursor = offset;
        out[i] = Position {
            offset,
            line,
            column,
        };
    }
    out
}

/// Counts UTF-8 characters (bytes that do not continue a character).
pub(crate) fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "{\n  \"a\": \"é🧾x\"\n}";
        let at = text.find('x').unwrap();
        assert_eq!(line_column(text.as_bytes(), at), (2, 11));
        assert_eq!(line_column(text.as_bytes(), 0), (1, 1));
    }

    #[test]
    fn offsets_in_any_order_get_their_own_positions() {
        let text = b"ab\ncd\nef";
        let got: Vec<(usize, usize)> = positions(text, &[7, 0, 4, 4, 99])
            .iter()
            .map(|p| (p.line, p.column))
            .collect();
        assert_eq!(got, [(3, 2), (1, 1), (2, 2), (2, 2), (3, 3)]);
    }
}
