//! Server-sent events: open pages keep one connection each and are told when the
//! site was rebuilt. tiny_http buffers chunked bodies, which would hold events back,
//! so each subscriber's raw connection is written and flushed here directly.

use std::io::{self, Write};
use std::net::SocketAddr;
use std::sync::Mutex;

/// A subscriber's connection, as handed over by the HTTP layer.
pub type Stream = Box<dyn Write + Send>;

/// Headers of the event stream. The response ends when the connection closes.
const HEADERS: &str = "HTTP/1.1 200 OK\r\n\
    Content-Type: text/event-stream; charset=utf-8\r\n\
    Cache-Control: no-store\r\n\
    Connection: close\r\n\
    X-Content-Type-Options: nosniff\r\n\r\n";

/// Browsers retry a lost stream after this many milliseconds.
const RETRY_MS: u32 = 1000;

#[derive(Default)]
pub struct Hub {
    /// Each stream with the client's address (its connection), when known.
    streams: Mutex<Vec<(Option<SocketAddr>, Stream)>>,
}

impl Hub {
    /// Starts the stream on `stream` with a `hello` event carrying `hello()` (the
    /// server and its current build number), then keeps it for later broadcasts.
    /// `hello` is read under the lock broadcasts take: a rebuild finishing
    /// meanwhile is either in it or sent to this stream, never lost between.
    /// A second stream asked on the connection of one is not kept: its answer
    /// could only start once the first ends, and writing it would wait forever.
    pub fn subscribe(
        &self,
        from: Option<SocketAddr>,
        mut stream: Stream,
        hello: impl FnOnce() -> String,
    ) -> io::Result<()> {
        let mut streams = self.lock();
        if from.is_some() && streams.iter().any(|(a, _)| *a == from) {
            return Err(io::ErrorKind::AlreadyExists.into());
        }
        write!(
            stream,
            "{HEADERS}retry: {RETRY_MS}\n\n{}",
            event("hello", &hello())
        )?;
        stream.flush()?;
        streams.push((from, stream));
        Ok(())
    }

    /// Whether the connection `from` holds a stream: nothing more can be
    /// answered on it while the stream lasts.
    pub fn holds(&self, from: SocketAddr) -> bool {
        self.lock().iter().any(|(a, _)| *a == Some(from))
    }

    /// Sends `name` with `data` to every subscriber, dropping those that are gone.
    pub fn broadcast(&self, name: &str, data: &str) {
        self.send_raw(&event(name, data));
    }

    /// A comment line: keeps idle connections open through proxies and finds the
    /// subscribers that have left.
    pub fn heartbeat(&self) {
        self.send_raw(": ping\n\n");
    }

    pub fn subscribers(&self) -> usize {
        self.lock().len()
    }

    fn send_raw(&self, text: &str) {
        self.lock().retain_mut(|(_, stream)| {
            stream
                .write_all(text.as_bytes())
                .and_then(|()| stream.flush())
                .is_ok()
        });
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Option<SocketAddr>, Stream)>> {
        // A panic while holding the lock leaves the list usable: keep going with it.
        self.streams.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One event in the `text/event-stream` format; `data` must be one line.
fn event(name: &str, data: &str) -> String {
    format!(
        "event: {name}\ndata: {}\n\n",
        data.replace(['\r', '\n'], " ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex as StdMutex};

    #[derive(Clone, Default)]
    struct Sink(Arc<StdMutex<Vec<u8>>>);

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    struct Gone;

    impl Write for Gone {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn broadcasts_and_forgets_closed_streams() {
        let hub = Hub::default();
        let sink = Sink::default();
        let from = Some(SocketAddr::from(([127, 0, 0, 1], 5000)));
        hub.subscribe(from, Box::new(sink.clone()), || "3".into())
            .unwrap();
        hub.streams.lock().unwrap().push((None, Box::new(Gone)));
        // A second stream on the same connection is not written to.
        let second = Sink::default();
        assert!(hub
            .subscribe(from, Box::new(second.clone()), || "3".into())
            .is_err());
        assert!(second.0.lock().unwrap().is_empty());
        assert!(hub.holds(SocketAddr::from(([127, 0, 0, 1], 5000))));
        hub.broadcast("reload", "4");
        assert_eq!(hub.subscribers(), 1);
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("event: hello\ndata: 3\n\n"), "{text}");
        assert!(text.ends_with("event: reload\ndata: 4\n\n"), "{text}");
    }
}
