//! Responses, written by hand onto the connection tiny_http hands over.
//!
//! Why not `Request::respond`: tiny_http keeps every connection alive, each served
//! by a pool thread that blocks waiting for the connection's next request, and its
//! pool can queue a new connection behind those idle ones (two connections accepted
//! while one thread is free both go to that thread). A browser opening six
//! connections for one page then waits for a script until some connection closes:
//! seconds, or for good once an event stream is open. tiny_http refuses a
//! `Connection` header on its responses, so they are written here with
//! `Connection: close`: the browser closes each connection after its response,
//! which frees the pool thread at once.

use std::io::{self, Write};

use tiny_http::{Method, Request};

#[derive(Debug, Clone)]
pub struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    /// A short plain-text answer, e.g. `403 Forbidden`.
    pub fn plain(status: u16) -> Reply {
        let body = format!("{status} {}\n", reason(status)).into_bytes();
        Reply::new(status, "text/plain; charset=utf-8", body)
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Reply {
        // A value comes from the request line at most, which holds no line break;
        // dropping them anyway keeps a header from ever splitting the response.
        self.headers.push((name, value.replace(['\r', '\n'], "")));
        self
    }

    /// Sends the reply; a HEAD request gets the headers only.
    pub fn send(self, request: Request) {
        let head_only = *request.method() == Method::Head;
        let mut out = request.into_writer();
        // A client that left before its answer needs nothing more.
        let _ = self.write_to(&mut out, head_only);
    }

    fn write_to(&self, out: &mut dyn Write, head_only: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\n\
             Cache-Control: no-store\r\n\
             X-Content-Type-Options: nosniff\r\n\
             Connection: close\r\n\r\n",
            self.body.len()
        ));
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_headers_and_body() {
        let reply = Reply::new(200, "text/css; charset=utf-8", b"a{}".to_vec());
        let mut out = Vec::new();
        reply.write_to(&mut out, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("Content-Type: text/css; charset=utf-8\r\n"));
        assert!(text.contains("Content-Length: 3\r\n"));
        assert!(text.contains("Cache-Control: no-store\r\n"));
        assert!(text.contains("Connection: close\r\n"));
        assert!(text.ends_with("\r\n\r\na{}"), "{text}");
    }

    #[test]
    fn head_gets_no_body_and_headers_stay_on_one_line() {
        let reply = Reply::plain(302).header("Location", "/a/\r\nSet-Cookie: x");
        let mut out = Vec::new();
        reply.write_to(&mut out, true).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Location: /a/Set-Cookie: x\r\n"), "{text}");
        assert!(text.contains("Content-Length: 10\r\n"), "{text}");
        assert!(text.ends_with("\r\n\r\n"), "{text}");
    }
}
