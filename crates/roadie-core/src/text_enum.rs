//! Enumerations stored and typed as short kebab-case words.

/// Declares an enum whose variants read and write as fixed words, with a parse that names the
/// field and lists the accepted words on error.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident ($what:literal) { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and displayed word.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the word; `field` names the input for errors.
            pub fn parse(field: &str, text: &str) -> $crate::error::Result<Self> {
                match text.trim() {
                    $($text => Ok($name::$variant),)+
                    other => Err($crate::error::Error::invalid(
                        field,
                        format!(
                            "unknown {} {:?} (expected one of: {})",
                            $what,
                            other,
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use text_enum;
