//! Type descriptions for the desktop UI's generated TypeScript bindings (feature `specta`).

/// Describes types that cross IPC as plain strings (a currency code, a zone name, a rate) to the
/// TypeScript bindings generator.
macro_rules! specta_as_string {
    ($($t:ty),+) => {$(
        impl specta::Type for $t {
            fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
                <String as specta::Type>::definition(types)
            }
        }
    )+};
}

specta_as_string!(crate::Currency, crate::Zone, crate::Rate);
