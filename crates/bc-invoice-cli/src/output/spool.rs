//! Rendered array items that must wait for the end of the run, kept out of memory past a bound: the JSON
//! format's file entries (its document starts with `"valid"`, which only the last file decides) and the
//! SARIF format's tool execution notifications (they sit in the run's `invocations`, after its results).

use std::io::{BufWriter, Seek, Write};

/// How many bytes of items are held in memory before the rest goes to a temporary file.
pub const HELD_IN_MEMORY: usize = 8 << 20;

/// Rendered items of a JSON array, kept until the end. Up to [`HELD_IN_MEMORY`] bytes are held in memory;
/// past that, everything goes to an unnamed temporary file (in `$TMPDIR`, readable by its owner only, gone
/// when the command exits, however it exits), so that the command's memory does not grow with the report:
/// a thousand findings of an 8 kB file are 250 kB of report, and ten thousand such files from an untrusted
/// pull request would otherwise be held whole. Where no temporary file can be made, the items stay in
/// memory.
#[derive(Debug, Default)]
pub struct Spool {
    held: Vec<u8>,
    spooled: Option<BufWriter<std::fs::File>>,
    no_spool: bool,
    count: usize,
}

impl Spool {
    /// Adds the next item: rendered, indented to its place in the array.
    pub fn push(&mut self, item: &str) -> std::io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n" } else { b",\n" };
        self.count += 1;
        if let Some(spooled) = &mut self.spooled {
            spooled.write_all(separator)?;
            return spooled.write_all(item.as_bytes());
        }
        self.held.extend_from_slice(separator);
        self.held.extend_from_slice(item.as_bytes());
        if self.held.len() > HELD_IN_MEMORY && !self.no_spool {
            match tempfile::tempfile() {
                Ok(file) => {
                    let mut spooled = BufWriter::with_capacity(1 << 16, file);
                    spooled.write_all(&self.held)?;
                    self.held = Vec::new();
                    self.spooled = Some(spooled);
                }
                Err(_) => self.no_spool = true,
            }
        }
        Ok(())
    }

    /// Whether no item was added.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Writes the items, in the order they came, each after a line break and separated by commas, as the
    /// members of a pretty-printed array are; the line break before the closing `]` is the caller's.
    pub fn write_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(&self.held)?;
        if let Some(spooled) = self.spooled {
            let mut file = spooled.into_inner().map_err(|e| e.into_error())?;
            file.rewind()?;
            std::io::copy(&mut file, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_in_order_from_memory_and_from_the_file() {
        let mut spool = Spool::default();
        assert!(spool.is_empty());
        let item = "x".repeat(1 << 20);
        for _ in 0..10 {
            spool.push(&item).unwrap();
        }
        spool.push("last").unwrap();
        let mut out = Vec::new();
        spool.write_to(&mut out).unwrap();
        let mut expected = format!("\n{item}");
        for _ in 1..10 {
            expected.push_str(&format!(",\n{item}"));
        }
        expected.push_str(",\nlast");
        assert!(out == expected.as_bytes());
    }
}
