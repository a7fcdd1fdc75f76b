//! Standard output and standard error written as if they blocked. A descriptor may come non-blocking (`O_NONBLOCK`): the flag
//! belongs to the open file, which the command shares with whoever else holds it (a parent's event loop
//! that set it on a pipe, a program run before on the same terminal that left it set), and a write to a
//! full pipe then fails with `EAGAIN` ("Resource temporarily unavailable") where its reader was only slow:
//! the report was lost, status 2, and standard error kept the first few dozen lines of a run's read errors,
//! the last cut short, and lost the names of the rest. Such a write waits in `poll()` until the output takes more, and is tried
//! again; the flag itself is left alone, since others share it.
//! Standard input (`input.rs`) waits for its data the same way, with [`wait_ready`].

use std::io::{self, Write};

/// Where the report goes: standard output, waited for when it is non-blocking (on Unix a duplicate of its
/// descriptor, written without std's line buffer, which the caller's own buffer makes needless).
pub fn report() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(WaitingWriter(std::fs::File::from(fd)));
        }
    }
    Box::new(io::stdout().lock())
}

/// Writes `line` whole to standard error, waited for when it is non-blocking; a failure is ignored, there
/// being nowhere left to tell it.
pub fn error_line(line: &str) {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stderr().as_fd().try_clone_to_owned() {
            let _ = WaitingWriter(std::fs::File::from(fd)).write_all(line.as_bytes());
            return;
        }
    }
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// A descriptor written as if it blocked: a write that would block waits in `poll()` for room, or for the
/// reader to go (`POLLERR`, `POLLHUP`: the next write says `EPIPE`), then is tried again.
#[cfg(unix)]
struct WaitingWriter(std::fs::File);

/// Waits in `poll()` until `file` is ready for `events` (`IN`: data or the end; `OUT`: room), or has
/// failed or lost its other end (`POLLERR`, `POLLHUP`): the next read or write says which. A signal
/// ends the wait early, and the caller tries again.
#[cfg(unix)]
pub fn wait_ready(file: &std::fs::File, events: rustix::event::PollFlags) -> io::Result<()> {
    use rustix::event::{PollFd, poll};
    let mut fds = [PollFd::new(file, events)];
    match poll(&mut fds, None) {
        Ok(_) | Err(rustix::io::Errno::INTR) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
impl Write for WaitingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        loop {
            match self.0.write(buf) {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    wait_ready(&self.0, rustix::event::PollFlags::OUT)?
                }
                other => return other,
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}
