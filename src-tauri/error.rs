//! The one error type that crosses IPC.

use serde::Serialize;

/// How every command fails, as the UI sees it: `{ "code", "message", "field" }`.
/// `code` is the core's stable code to switch on; `message` is for people; `field` names the
/// input a validation error is about, or is null.
#[derive(Debug, Serialize, specta::Type)]
pub struct IpcError {
    pub code: String,
    pub message: String,
    pub field: Option<String>,
}

impl IpcError {
    /// A file operation on `what` that failed.
    pub fn io(what: &str, error: &std::io::Error) -> Self {
        IpcError {
            code: "io".into(),
            message: format!("{what}: {error}"),
            field: None,
        }
    }
}

impl From<roadie_core::Error> for IpcError {
    fn from(error: roadie_core::Error) -> Self {
        IpcError {
            code: error.code().to_owned(),
            message: error.to_string(),
            field: error.field().map(str::to_owned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_validation_error_names_its_field() {
        let error = IpcError::from(roadie_core::Error::invalid("slug", "must not be empty"));
        assert_eq!(
            serde_json::to_value(error).unwrap(),
            json!({ "code": "invalid", "message": "slug: must not be empty", "field": "slug" })
        );
    }

    #[test]
    fn other_errors_have_a_null_field() {
        let error = IpcError::from(roadie_core::Error::not_found("summit", "fosdem"));
        assert_eq!(
            serde_json::to_value(error).unwrap(),
            json!({ "code": "not_found", "message": "summit fosdem not found", "field": null })
        );
    }
}
