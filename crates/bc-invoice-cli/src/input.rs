//! Where documents come from: files or standard input, each read once, whole, up to a size limit.

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest input the command reads (1 GiB): a bigger file, or an endless one such as `/dev/zero`, is
/// refused rather than allowed to exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 1 << 30;

/// One input named on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Standard input (`-`, or no file at all).
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Source {
    /// The input for a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &Path) -> Self {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(arg.to_owned())
        }
    }

    /// The name reports use: the path as given, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::File(path) => path.display().to_string(),
        }
    }

    /// The whole input, or why it cannot be read, e.g. `cannot read tests: is a directory`.
    pub fn read(&self) -> Result<Vec<u8>, String> {
        let cannot =
            |reason: &dyn std::fmt::Display| format!("cannot read {}: {reason}", self.name());
        match self {
            Source::Stdin => {
                read_limited(io::stdin().lock(), 0, MAX_INPUT_BYTES).map_err(|e| cannot(&e))
            }
            Source::File(path) => {
                let file = File::open(path).map_err(|e| cannot(&e))?;
                let metadata = file.metadata().map_err(|e| cannot(&e))?;
                if metadata.is_dir() {
                    return Err(cannot(&"is a directory"));
                }
                read_limited(file, metadata.len(), MAX_INPUT_BYTES).map_err(|e| cannot(&e))
            }
        }
    }
}

/// Reads to the end, refusing more than `limit` bytes; `size_hint` sizes the buffer once.
fn read_limited(reader: impl Read, size_hint: u64, limit: u64) -> io::Result<Vec<u8>> {
    let too_large = || {
        io::Error::other(format!(
            "larger than {} bytes, the most the command reads",
            limit
        ))
    };
    if size_hint > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_past_the_limit_are_refused() {
        let endless = io::repeat(b' ');
        assert_eq!(
            read_limited(endless, 0, 1000).unwrap_err().to_string(),
            "larger than 1000 bytes, the most the command reads"
        );
        assert!(read_limited(&b"{}"[..], 1001, 1000).is_err());
        assert_eq!(read_limited(&b"{}"[..], 2, 2).unwrap(), b"{}");
        assert!(read_limited(&b"{} "[..], 2, 2).is_err());
    }

    #[test]
    fn a_dash_is_standard_input() {
        assert_eq!(Source::from_arg(Path::new("-")), Source::Stdin);
        assert_eq!(Source::Stdin.name(), "<stdin>");
        assert_eq!(Source::from_arg(Path::new("a.json")).name(), "a.json");
    }
}
