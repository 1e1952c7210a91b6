//! The one error type commands return: the core's [`ErrorPayload`], `{code, message, values}`
//! on the wire (its JSON is pinned in the core's tests). The UI words `code` and `values` in
//! the user's language; `message` is the English text for logs and the CLI.
//! Everything that can fail in a command converts into it with `?`.

pub use newsroom_core::ErrorPayload as IpcError;
use newsroom_core::{ErrorCode, ErrorPayload};

/// A failure of the shell itself, outside the library: a dialog that would not open, a lost
/// worker thread.
pub fn internal(message: impl Into<String>) -> IpcError {
    ErrorPayload::new(ErrorCode::Internal, message)
}

pub type CmdResult<T> = Result<T, IpcError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_fail_as_code_message_and_values() {
        let from_core: IpcError = newsroom_core::Error::PhotoNotFound(3).into();
        assert_eq!(
            serde_json::to_string(&from_core).unwrap(),
            r#"{"code":"not_found","message":"photo 3 not found","values":{"missing":"photo","id":3}}"#
        );
        assert_eq!(
            serde_json::to_string(&internal("the dialog did not open")).unwrap(),
            r#"{"code":"internal","message":"the dialog did not open"}"#
        );
    }
}
