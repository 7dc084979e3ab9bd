//! The one error type of the core. Every failure a user can cause is `Invalid` with the field it
//! concerns, so the CLI and the UI can point at it.

/// An error from any core operation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that breaks a rule; `field` names the field (as the user knows it).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },
    /// A record that does not exist.
    #[error("{kind} {key} not found")]
    NotFound { kind: &'static str, key: String },
    /// The database refused or failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration could not be applied.
    #[error("could not migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A server Roadie talks to (a CalDAV collection) could not be reached or failed.
    #[error("{0}")]
    Remote(String),
    /// A snapshot or backup that could not be made, so what needed it was not done.
    #[error("{0}")]
    Backup(String),
}

impl Error {
    /// A validation error on `field`.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// A missing record of `kind` looked up by `key`.
    pub fn not_found(kind: &'static str, key: impl ToString) -> Self {
        Error::NotFound {
            kind,
            key: key.to_string(),
        }
    }

    /// A file operation on `path` that failed.
    pub fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Self + '_ {
        move |source| Error::Io {
            path: path.display().to_string(),
            source,
        }
    }

    /// A stable machine-readable code, the same across releases.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Database(_) => "database",
            Error::Migrate(_) => "migration",
            Error::Io { .. } => "io",
            Error::Remote(_) => "remote",
            Error::Backup(_) => "backup",
        }
    }

    /// The field an `Invalid` error is about.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }

    /// Whether the user caused this error (bad input or a missing record) rather than the system.
    pub fn is_user_error(&self) -> bool {
        matches!(self, Error::Invalid { .. } | Error::NotFound { .. })
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
