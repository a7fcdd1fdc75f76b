//! Rendered array items that must wait for the end of the run, kept out of memory past a bound: the JSON
//! format's file entries (its document starts with `"valid"`, which only the last file decides) and the
//! SARIF format's tool execution notifications (they sit in the run's `invocations`, after its results).

use std::io::{Read, Seek, Write};

/// How many bytes of items are held in memory before the rest goes to a temporary file.
pub const HELD_IN_MEMORY: usize = 8 << 20;

/// How many bytes of items gather in memory between two writes to the temporary file.
const SPOOL_BUFFER: usize = 1 << 16;

/// Rendered items of a JSON array, kept until the end. Up to [`HELD_IN_MEMORY`] bytes are held in memory;
/// past that, everything goes to an unnamed temporary file (in `$TMPDIR`, readable by its owner only, gone
/// when the command exits, however it exits), so that the command's memory does not grow with the report:
/// a thousand findings of an 8 kB file are 250 kB of report, and ten thousand such files from an untrusted
/// pull request would otherwise be held whole. Where no temporary file can be made, or it cannot be
/// written (a full disk, a file size limit), the items stay in memory: what the file holds is read back,
/// and the output is the same.
#[derive(Debug, Default)]
pub struct Spool {
    /// The items not (yet) in the temporary file: all of them while there is none, else those added
    /// since its last write.
    held: Vec<u8>,
    /// The temporary file and how many bytes it holds, each write whole.
    spooled: Option<(std::fs::File, u64)>,
    no_spool: bool,
    count: usize,
}

impl Spool {
    /// Adds the next item: rendered, indented to its place in the array.
    pub fn push(&mut self, item: &str) -> std::io::Result<()> {
        let separator: &[u8] = if self.count == 0 { b"\n" } else { b",\n" };
        self.count += 1;
        self.held.extend_from_slice(separator);
        self.held.extend_from_slice(item.as_bytes());
        if self.spooled.is_none() && self.held.len() > HELD_IN_MEMORY && !self.no_spool {
            match tempfile::tempfile() {
                Ok(file) => self.spooled = Some((file, 0)),
                Err(_) => self.no_spool = true,
            }
        }
        if self.spooled.is_some() && self.held.len() >= SPOOL_BUFFER {
            self.spool()?;
        }
        Ok(())
    }

    /// Writes the items held to the temporary file. Where that fails, the file's bytes are read back and
    /// every item stays in memory from then on; only a file that cannot be read back is an error.
    fn spool(&mut self) -> std::io::Result<()> {
        let Some((file, written)) = &mut self.spooled else {
            return Ok(());
        };
        if file.write_all(&self.held).is_ok() {
            *written += self.held.len() as u64;
            self.held.clear();
            return Ok(());
        }
        let mut back = Vec::new();
        let read_back = file
            .rewind()
            .and_then(|()| file.take(*written).read_to_end(&mut back));
        match read_back {
            Ok(_) if back.len() as u64 == *written => {
                back.append(&mut self.held);
                self.held = back;
                self.spooled = None;
                self.no_spool = true;
                Ok(())
            }
            Ok(_) => Err(std::io::Error::other(
                "its temporary file (in $TMPDIR) could not be read back: it was cut short",
            )),
            Err(e) => Err(std::io::Error::new(
                e.kind(),
                format!("its temporary file (in $TMPDIR) could not be read back: {e}"),
            )),
        }
    }

    /// Whether no item was added.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Writes the items, in the order they came, each after a line break and separated by commas, as the
    /// members of a pretty-printed array are (those in the temporary file, then those held since its last
    /// write); the line break before the closing `]` is the caller's.
    pub fn write_to(self, out: &mut dyn Write) -> std::io::Result<()> {
        if let Some((mut file, written)) = self.spooled {
            file.rewind()?;
            let copied = std::io::copy(&mut (&mut file).take(written), out)?;
            if copied != written {
                return Err(std::io::Error::other(
                    "its temporary file (in $TMPDIR) was cut short",
                ));
            }
        }
        out.write_all(&self.held)
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
