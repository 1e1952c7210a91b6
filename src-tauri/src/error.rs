//! The one error type commands return. It serializes as `{code, message}`; the UI translates
//! `code`. Everything that can fail in a command converts into it with `?`.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<newsroom_core::Error> for IpcError {
    fn from(e: newsroom_core::Error) -> Self {
        let p = e.payload();
        IpcError {
            code: p.code,
            message: p.message,
        }
    }
}

impl From<newsroom_core::ErrorPayload> for IpcError {
    fn from(p: newsroom_core::ErrorPayload) -> Self {
        IpcError {
            code: p.code,
            message: p.message,
        }
    }
}

impl IpcError {
    pub fn internal(message: impl Into<String>) -> Self {
        IpcError {
            code: "internal".into(),
            message: message.into(),
        }
    }
}

pub type CmdResult<T> = Result<T, IpcError>;
