//! A connection's socket with a deadline on handing a response to the kernel: hyper times out reading a
//! request's headers, and the routes time out reading its body, but nothing in hyper times out writing.
//! A client that sends requests and never reads the answers (or reads them a byte at a time) would keep
//! its connection, a task and a socket's send buffer for ever, and keep a shutdown from finishing.
//!
//! The deadline starts when a write or a flush cannot go on (the socket's send buffer is full) and ends
//! when hyper's buffered output has all been handed over and flushed; progress in between does not move
//! it, so a client that reads a few bytes at a time cannot stretch it. Past it, the write fails and hyper
//! closes the connection, which is first set to be reset rather than closed in order ([`Abort`]): a
//! socket closed in order keeps what it has not sent in the kernel (`FIN-WAIT-1`, owned by no process)
//! for as long as the client keeps its window shut, outside the connection limit; a reset discards it.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::Sleep;

/// A connection that can be set to end with a reset when it is closed, dropping what the kernel still
/// holds to send.
pub trait Abort {
    /// Makes the coming close a reset (`SO_LINGER` of zero).
    fn abort_on_close(&self);
}

impl Abort for tokio::net::TcpStream {
    fn abort_on_close(&self) {
        // A linger of zero: close() sends a reset and frees the send queue at once; it never blocks.
        let _ = socket2::SockRef::from(self).set_linger(Some(Duration::ZERO));
    }
}

/// `inner` with a write deadline of `timeout` (see the module's documentation).
pub struct WriteDeadline<S> {
    inner: S,
    timeout: Duration,
    deadline: Option<Pin<Box<Sleep>>>,
}

impl<S: Abort> WriteDeadline<S> {
    /// Wraps `inner`.
    pub fn new(inner: S, timeout: Duration) -> Self {
        WriteDeadline {
            inner,
            timeout,
            deadline: None,
        }
    }

    /// The socket could not take more: starts the deadline if it is not running, and fails once it
    /// has passed.
    fn stalled<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let timeout = self.timeout;
        let deadline = self
            .deadline
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match deadline.as_mut().poll(cx) {
            Poll::Ready(()) => {
                self.inner.abort_on_close();
                Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    "the client did not read the response in time",
                )))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WriteDeadline<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Abort + Unpin> AsyncWrite for WriteDeadline<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write(cx, buf) {
            Poll::Pending => self.stalled(cx),
            ready => ready,
        }
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match Pin::new(&mut self.inner).poll_write_vectored(cx, bufs) {
            Poll::Pending => self.stalled(cx),
            ready => ready,
        }
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_flush(cx) {
            Poll::Ready(Ok(())) => {
                // Everything hyper had to send is with the kernel.
                self.deadline = None;
                Poll::Ready(Ok(()))
            }
            Poll::Pending => self.stalled(cx),
            failed => failed,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match Pin::new(&mut self.inner).poll_shutdown(cx) {
            Poll::Pending => self.stalled(cx),
            ready => ready,
        }
    }
}
