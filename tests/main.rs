//! One integration-test crate (it builds once) with a module per subject.

mod suite;
