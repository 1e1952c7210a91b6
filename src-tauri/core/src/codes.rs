//! Codes that cross the boundary to the UI and to scripts (error codes, preflight check codes):
//! enums whose wire form is a stable snake_case string. One macro gives each the same shape:
//! serde and the generated TypeScript see the wire name, `ALL` lists every code (the UI's
//! translation test walks it), `as_str` gives the wire name, and a code compares equal to its
//! wire name, so scripts and tests can say `"not_found"`. Stored in SQLite by wire name too.

/// `wire_codes! { /// doc  pub enum Name { /// doc  Variant = "wire_name", … } }`
macro_rules! wire_codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $wire)] $variant, )*
        }

        impl $name {
            /// Every code, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire name.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )*
                }
            }

            /// The code with this wire name.
            pub fn from_wire(wire: &str) -> Option<$name> {
                match wire {
                    $( $wire => Some($name::$variant), )*
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, wire: &&str) -> bool {
                self.as_str() == *wire
            }
        }

        impl $crate::sql::ToValue for $name {
            fn to_value(&self) -> $crate::sql::Value {
                $crate::sql::Value::Text(self.as_str().to_string())
            }
        }

        impl $crate::sql::FromValue for $name {
            fn from_value(value: &$crate::sql::Value) -> Result<Self, String> {
                let wire = <String as $crate::sql::FromValue>::from_value(value)?;
                $name::from_wire(&wire)
                    .ok_or_else(|| format!("unknown {} {wire:?}", stringify!($name)))
            }
        }
    };
}
pub(crate) use wire_codes;

#[cfg(test)]
mod tests {
    super::wire_codes! {
        /// A test code.
        pub enum Sample {
            /// The first.
            First = "first_one",
            Second = "second",
        }
    }

    #[test]
    fn wire_names_everywhere() {
        assert_eq!(Sample::ALL, &[Sample::First, Sample::Second]);
        assert_eq!(Sample::First.as_str(), "first_one");
        assert_eq!(Sample::First.to_string(), "first_one");
        assert_eq!(Sample::Second, "second");
        assert_eq!(Sample::from_wire("first_one"), Some(Sample::First));
        assert_eq!(Sample::from_wire("third"), None);
        assert_eq!(
            serde_json::to_string(&Sample::First).unwrap(),
            r#""first_one""#
        );
        assert_eq!(
            serde_json::from_str::<Sample>(r#""second""#).unwrap(),
            Sample::Second
        );
        use ts_rs::TS;
        let cfg = ts_rs::Config::new();
        assert_eq!(
            Sample::decl(&cfg),
            r#"type Sample = "first_one" | "second";"#
        );
    }
}
