//! Reading a new password: twice on the terminal with echo off, or from a file.

use std::io::{BufRead, Write};
use std::path::Path;

use newsroom_core::{Error, Result};

/// The first line of `file`, without its line end.
pub(crate) fn from_file(file: &Path) -> Result<String> {
    let text = std::fs::read_to_string(file).map_err(Error::io_at(file))?;
    let first = text.lines().next().unwrap_or_default().to_string();
    if first.is_empty() {
        return Err(Error::invalid(format!(
            "{} holds no password",
            file.display()
        )));
    }
    Ok(first)
}

/// Asks for `login`'s password twice on the terminal, not shown while typed.
pub(crate) fn ask_twice(login: &str) -> Result<String> {
    let first = ask(&format!("Password for {login}: "))?;
    let again = ask("The same again: ")?;
    if first != again {
        return Err(Error::invalid(
            "the two passwords differ; nothing was changed",
        ));
    }
    Ok(first)
}

fn ask(prompt: &str) -> Result<String> {
    let tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| {
            Error::io(
                "no terminal to ask for the password on (use --password-file)",
                e,
            )
        })?;
    let mut out = &tty;
    out.write_all(prompt.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io("/dev/tty", e))?;
    let echo = Echo::off(&tty);
    let mut line = String::new();
    let read = std::io::BufReader::new(&tty).read_line(&mut line);
    drop(echo);
    read.map_err(|e| Error::io("/dev/tty", e))?;
    Ok(line.trim_end_matches(['\n', '\r']).to_string())
}

/// The terminal's echo, off until dropped.
struct Echo {
    fd: i32,
    saved: Option<libc::termios>,
}

impl Echo {
    fn off(tty: &std::fs::File) -> Echo {
        use std::os::fd::AsRawFd;
        let fd = tty.as_raw_fd();
        // SAFETY: tcgetattr/tcsetattr on a file descriptor we hold open, with a termios value
        // that tcgetattr filled in.
        let saved = unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            (libc::tcgetattr(fd, &mut t) == 0).then(|| {
                let mut quiet = t;
                quiet.c_lflag &= !libc::ECHO;
                quiet.c_lflag |= libc::ECHONL;
                libc::tcsetattr(fd, libc::TCSANOW, &quiet);
                t
            })
        };
        Echo { fd, saved }
    }
}

impl Drop for Echo {
    fn drop(&mut self) {
        if let Some(t) = &self.saved {
            // SAFETY: restores the settings tcgetattr gave for the same descriptor.
            unsafe {
                libc::tcsetattr(self.fd, libc::TCSANOW, t);
            }
        }
    }
}
