// bindings.ts names PhotoFormat (the Rust `imaging::Format`) without declaring it: the
// generator leaves that one type out. This global stands in until it is generated; the
// architecture test fails once bindings.ts declares it, and then this file goes.
type PhotoFormat = 'jpeg' | 'png' | 'webp' | 'tiff';
