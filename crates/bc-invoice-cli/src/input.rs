//! Where documents come from: files or standard input, each read once, whole, up to a size limit.
//!
//! Only regular files are read. Opening a named pipe (FIFO) that has no writer blocks in `open()` itself,
//! and a device or a socket can block, never end, or change under the reader; so the file's type is
//! checked before it is opened (following symbolic links), the file is opened without blocking
//! (`O_NONBLOCK`, on Unix), and its type is checked again on the open file (`fstat`), so that a file
//! swapped for a pipe between the two steps is refused too instead of blocking a read.

use std::ffi::OsStr;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest input the command reads unless `--max-size` or the settings file's `max-size` says
/// otherwise (1 GiB): a bigger file, or an endless standard input, is refused rather than allowed to
/// exhaust memory. Each of the `--jobs` files being checked at once may hold up to the limit in effect.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 1 << 30;

/// What the JSON report and read errors call standard input.
pub const STDIN_NAME: &str = "<stdin>";

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

    /// The name as text: the path as given (bytes that are not UTF-8 shown as U+FFFD), or `<stdin>`.
    /// Not yet safe to show: see [`crate::escape`].
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => STDIN_NAME.to_owned(),
            Source::File(path) => path.to_string_lossy().into_owned(),
        }
    }

    /// The path's exact bytes when they are not UTF-8 (on Unix, the bytes of the name; on Windows, its
    /// WTF-8 encoding); `None` for standard input and for UTF-8 names, which [`Source::name`] shows
    /// exactly.
    pub fn non_utf8_bytes(&self) -> Option<&[u8]> {
        match self {
            Source::Stdin => None,
            Source::File(path) => {
                let os: &OsStr = path.as_os_str();
                os.to_str().is_none().then_some(os.as_encoded_bytes())
            }
        }
    }

    /// The whole input, or why it cannot be read, e.g. `is a directory`, or `larger than 1048576 bytes,
    /// the most the command reads` past `limit` bytes. Standard input is never read past `limit + 1`
    /// bytes, however long it runs on (on Unix, not a byte more from its descriptor: see [`stdin`]).
    pub fn read(&self, limit: u64) -> Result<Vec<u8>, String> {
        match self {
            Source::Stdin => read_limited(stdin()?, 0, limit).map_err(|e| e.to_string()),
            Source::File(path) => read_regular_file(path, limit),
        }
    }
}

/// Standard input, read without a buffer in between on Unix: std's `Stdin` reads ahead into one of its
/// own (8 KiB), so a read that stops at the limit would have taken up to that much more from the pipe or
/// the file, which a script's next command (`{ bc-invoice-validate …; cat; } < file`) would then miss.
/// The descriptor is duplicated, and the duplicate read, so that standard input itself stays open.
#[cfg(unix)]
fn stdin() -> Result<WaitingReader, String> {
    use std::os::fd::AsFd;
    let fd = io::stdin()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| e.to_string())?;
    Ok(WaitingReader(File::from(fd)))
}

/// A descriptor read as if it blocked. Standard input may come non-blocking (`O_NONBLOCK`): the flag
/// belongs to the pipe's open file, which a parent (Node's `child_process`, an event loop's shell) may
/// have set and the command inherits; a read with no data yet then fails with `EAGAIN` ("Resource
/// temporarily unavailable") where the data was only late. Such a read waits in `poll()` for the data,
/// or the end, and is tried again; the flag itself is left alone, since the parent shares it.
#[cfg(unix)]
struct WaitingReader(File);

#[cfg(unix)]
impl Read for WaitingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match self.0.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    crate::streams::wait_ready(&self.0, rustix::event::PollFlags::IN)?
                }
                other => return other,
            }
        }
    }
}

/// Standard input through std's `Stdin`, which turns a console's UTF-16 into UTF-8 (on Windows).
#[cfg(not(unix))]
fn stdin() -> Result<io::StdinLock<'static>, String> {
    Ok(io::stdin().lock())
}

/// Reads a regular file whole, refusing anything else (a directory, a named pipe, a socket, a device)
/// and anything larger than `limit` bytes; the error says why, e.g. `is a named pipe (FIFO), not a
/// regular file`.
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // Before opening: opening a pipe with no writer would block, and opening a device may act on it.
    let before = std::fs::metadata(path).map_err(|e| e.to_string())?;
    refuse_irregular(&before)?;
    let file = open_without_blocking(path).map_err(|e| e.to_string())?;
    // After opening: the path may have been replaced in between.
    let metadata = file.metadata().map_err(|e| e.to_string())?;
    refuse_irregular(&metadata)?;
    read_limited(file, metadata.len(), limit).map_err(|e| e.to_string())
}

/// `Err` with the reason for anything but a regular file.
fn refuse_irregular(metadata: &Metadata) -> Result<(), String> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return Ok(());
    }
    if kind.is_dir() {
        return Err("is a directory".to_owned());
    }
    Err(format!(
        "is {}, not a regular file",
        describe_irregular(&kind)
    ))
}

#[cfg(unix)]
fn describe_irregular(kind: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn describe_irregular(_kind: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Opens for reading; on Unix with `O_NONBLOCK`, so that a named pipe put in place after the type
/// check makes `open()` return (and the check after it refuse the pipe) instead of waiting for a writer.
/// Reads of a regular file do not heed the flag.
#[cfg(unix)]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    let nonblocking = rustix::fs::OFlags::NONBLOCK.bits();
    File::options()
        .read(true)
        .custom_flags(nonblocking as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Reads to the end, refusing more than `limit` bytes; `size_hint` sizes the buffer once, and a hint
/// over the limit (a file's declared size) is refused before anything is read. At most `limit + 1`
/// bytes are read, the one past the limit telling a too large input from one of exactly `limit`.
fn read_limited(reader: impl Read, size_hint: u64, limit: u64) -> io::Result<Vec<u8>> {
    let too_large = || {
        io::Error::other(format!(
            "larger than {limit} bytes, the most the command reads"
        ))
    };
    if size_hint > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
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
        // No limit is too large to add the byte past it to.
        assert_eq!(read_limited(&b"{}"[..], 2, u64::MAX).unwrap(), b"{}");
    }

    #[test]
    fn no_more_than_one_byte_past_the_limit_is_read() {
        let mut endless = io::repeat(b' ').take(1 << 20);
        assert!(read_limited(&mut endless, 0, 1000).is_err());
        assert_eq!(endless.limit(), (1 << 20) - 1001);
    }

    #[test]
    fn a_dash_is_standard_input() {
        assert_eq!(Source::from_arg(Path::new("-")), Source::Stdin);
        assert_eq!(Source::Stdin.name(), "<stdin>");
        assert_eq!(Source::from_arg(Path::new("a.json")).name(), "a.json");
        assert_eq!(Source::from_arg(Path::new("a.json")).non_utf8_bytes(), None);
        assert_eq!(Source::Stdin.non_utf8_bytes(), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let source = Source::from_arg(Path::new(OsStr::from_bytes(b"caf\xe9.json")));
        assert_eq!(source.name(), "caf\u{fffd}.json");
        assert_eq!(source.non_utf8_bytes(), Some(&b"caf\xe9.json"[..]));
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_they_are_read() {
        for (path, reason) in [
            ("/dev/zero", "is a character device, not a regular file"),
            ("/dev/null", "is a character device, not a regular file"),
            ("/", "is a directory"),
        ] {
            assert_eq!(
                read_regular_file(Path::new(path), 10).unwrap_err(),
                reason,
                "{path}"
            );
        }
    }
}
