//! The `knn` family of python/outputs/edge-cases/ (owned by its chapter's editor: add a
//! check for every function, as tests/edge_cases/convolution.rs does).

use crate::harness::Family;

#[test]
fn knn_data_covers_its_functions() {
    let family = Family::load("knn");
    let functions: Vec<String> =
        family.cases.iter().map(|c| c.function.clone()).collect();
    assert!(!functions.is_empty());
}
