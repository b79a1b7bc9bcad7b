//! The companion crate's public paths: readers' code and outside checks import them, so a
//! reorganisation of the crate must keep every one of them importable. This file only has to
//! compile; the test below makes `cargo test` report it.

#![allow(unused_imports)]

use chapters_code::allocation::{
    advise_huge_pages, checked_bytes, ensure_allocatable,
    ensure_allocatable_like_numpy, ensure_allocatable_together, range_len,
    vec_with_capacity, HUGE_PAGE_ADVICE_BYTES, PROBE_BYTES,
};
use chapters_code::appendix::{
    broadcast_temporary_bytes, cheatsheet, convolution_sweep,
    knn_distances_sweep, knn_memory, life_sweep, memory_sizes, numpy_faster,
    numpy_faster_list, performance_summary, performance_table,
    reciprocals_sweep, render_convolution_sweep, render_knn_distances_sweep,
    render_knn_memory, render_life_sweep, render_reciprocals_sweep,
    result_bytes, table_rows, tuned_summary, tuned_table, TABLE_HEADING,
};
use chapters_code::broadcasting::{
    both_stretched, broadcast_shapes, checked_add, column_plus_row,
    exercise_predict_shape, exercise_times_table, fix_with_new_axis,
    incompatible_checked, incompatible_panics, matrix_plus_scalar,
    matrix_plus_vector, numpy_shape, render_broadcasting_diagrams,
    rules_step_by_step, stride_zero_views, BroadcastError,
};
use chapters_code::convolution::{
    convolution_table, convolve2d, convolve_full, convolve_valid, correlate2d,
    cut_window, exercise_box_blur, exercise_commutative, flip_or_not,
    neighbours_by_convolution, render_kernel, three_modes, with_ndarray_conv,
    ConvError, Mode,
};
use chapters_code::figures::bars::{
    draw_bars, draw_timing_chart, side_color, timing_chart, Bar, BarChart,
};
use chapters_code::figures::grid::palette::{
    BORDER, CELL, HIGHLIGHT, INK, PAPER, RESULT,
};
use chapters_code::figures::grid::{
    draw_caption, draw_grid, palette, CellStyle,
};
use chapters_code::figures::{register_fonts, FigureError, FONT};
use chapters_code::introduction::{
    first_array, matrix_product, product_operands, render_matrix_product,
};
use chapters_code::knn::{
    argpartition_rows, argsort_rows, cmp_nan_last, distance_matrix,
    exercise_randint, exercise_single_nearest, idiomatic_random, k_nearest,
    k_nearest_partition, knn_table, pairwise_sq_distances,
    pairwise_sq_distances_broadcast, render_neighbours, sorted_neighbours,
    tutorial_points, KnnError,
};
use chapters_code::life::{
    blinker, board_text, exercise_population, exercise_toad,
    fast_equals_slices, glider, iterate, life_table, random_board,
    render_animation, render_generations, render_windows, seeded_board,
    FastLife, ANIMATION_GENERATIONS, LIFE_SEED, PANEL_GENERATIONS,
};
use chapters_code::memory::{
    contiguous, exercise_mixed_sum, exercise_nbytes, fixed_width,
    grown_by_push, heap_report, list_of_pointers, mixed_values,
    numpy_str_width, numpy_string_width, render_bytes_per_element,
    string_arrays, tutorial_mixed_list, widest_integer_text, HeapUse, PyValue,
    N,
};
use chapters_code::meshgrid::{
    dense_vs_sparse, exercise_ij, exercise_saddle, grid_5x5, numpy_arange,
    render_contourf, render_grid_points, render_surface, sinc, sinc_broadcast,
    sinc_table, z_values, zero_on_the_grid, Colormap, CONTOUR_LEVELS, COOLWARM,
    PUBU_R,
};
use chapters_code::newaxis::{
    exercise_channel_axis, exercise_infer, expand_dims, image_for_a_cnn,
    infer_shape, many_new_axes, reshape_with_inferred_axis, row_and_column,
    ReshapeError,
};
use chapters_code::products::{
    bench_matrices, checked_dot, elementwise, exercise_quadratic_form,
    exercise_transpose_rule, gemm, matmul_table, mismatch_checked,
    mismatch_panics, star_versus_dot, DotShapeError,
};
use chapters_code::random::RandomState;
// The results file is read at run time (issue 13): `BENCHMARKS_CSV`, the file compiled in,
// and `committed_table` (a table from names) gave way to `Results::committed`/`load` and
// `timing_table`/`Results::table`.
use chapters_code::results::{
    format_duration, format_spread, write_atomically, BenchPlan, Results,
    ResultsError, Row, Run, Spread, Timing, BENCHMARKS_PATH, HEADER,
    PLAN_FILES, TITLE,
};
use chapters_code::speed::{
    array_from_iter, array_from_slice, array_from_vec, array_range_f64,
    copy_floor, creation_table, creation_variants, distance_variants,
    distances_broadcast_literal, distances_nested, distances_table,
    distances_to, distances_to_par, exercise_mean_distance, exercise_squares,
    findings, list_range, machine_note, mean_distance_from, minor_page_faults,
    page_fault_report, page_faults_of, reciprocal_variants, reciprocals,
    reciprocals_boxed, reciprocals_into, reciprocals_map_collect,
    reciprocals_par, reciprocals_push_loop, reciprocals_table,
    render_distances_chart, render_reciprocals_chart, tutorial_nums,
    tutorial_points_nested, TUTORIAL_END,
};
use chapters_code::where_next::{all_cores, quantiles_and_argmin};
// Chapter 2's allocator lesson (issue 16).
use chapters_code::speed::{
    allocator_gets_huge_pages, exit_unless_huge_pages_as_expected,
    page_fault_report_not_available, EXPECT_HUGE_PAGES, HUGE_PAGE_PROBE_BYTES,
    NO_HUGE_PAGES_EXIT_CODE, NO_HUGE_PAGES_MESSAGE, PAGE_FAULT_VARIANTS,
};
use chapters_code::speed::{
    check_dimensions, distances_broadcast_in_place, new_array_floor,
    page_fault_key, reciprocals_thp_map, reused_buffer_floor,
    temporaries_report, FastAlloc, SMALL,
};

// The registry of samples, figures and generated files. Until the crate had one catalog of
// chapters it was `samples::{Sample, all, find, GeneratedOutput, generated_outputs,
// other_generated_outputs}`, `figures::{Figure, all, render_all}`, each chapter's `SAMPLES`,
// `FIGURES` and `GENERATED`, `memory::HEAP_REPORT_PATH` and `appendix::WORKLOADS`; these are
// their replacements.
use chapters_code::benchmarks::{
    group_names, measured_series, sweeps, Group, Series, Side, Summary, Sweep,
    Workload, GROUPS, SWEEPS,
};
use chapters_code::book::{
    figures, find_sample, sample_key, samples, sync, tables, Host, Kind,
    Mode as SyncMode, Report, CHAPTERS,
};
use chapters_code::chapter::{
    repo_root, Chapter, Figure, Measure, Render, Sample, Table,
};
use chapters_code::results::{timing_table, Ratio};
use chapters_code::{Error, Result};
// Reader-facing paths that only other test programs named: the chapters' faster variants
// (chapter 5's fast_matmul is named by an issue), their errors, and the machinery readers
// call from their own code (reading printed arrays, the error type's Context).
use chapters_code::error::Context;
use chapters_code::knn::{
    argsort_rows_unstable, pairwise_sq_distances_in_place,
    pairwise_sq_distances_symmetric, sort_key, sq_distance,
};
use chapters_code::life::iterate_loops;
use chapters_code::memory::{IntType, NoSuchIntType};
use chapters_code::meshgrid::{arange_length, ArangeError};
use chapters_code::newaxis::ExpandDimsError;
use chapters_code::numpy_text::{
    array, array_after, arrays, numbers, numbers_agree, parse_number, Expect,
    PrintedArray,
};
use chapters_code::products::{fast_matmul, fast_matmul_par};
use chapters_code::results::quartiles;

#[test]
fn every_public_path_resolves() {
    // Associated items are paths too.
    let _ = RandomState::new;
    let _ = RandomState::next_f64;
    let _ = RandomState::rand;
    let _ = RandomState::randint;
    let _ = RandomState::choice_binary;
    let _ = FastLife::new;
    let _ = (
        PrintedArray::shape,
        PrintedArray::values,
        PrintedArray::same_as,
    );
    let _ = IntType::new;
    let _ = Error::msg("a path").context("resolves");
    // What a reader stores in a struct of their own is Debug and Clone, as the error
    // types are; a clone of a generator goes on with the same draws.
    fn debug_and_clone<T: std::fmt::Debug + Clone>() {}
    debug_and_clone::<RandomState>();
    debug_and_clone::<FastLife>();
    debug_and_clone::<DotShapeError>();
    debug_and_clone::<KnnError>();
    debug_and_clone::<ConvError>();
    debug_and_clone::<BroadcastError>();
    debug_and_clone::<ReshapeError>();
    let mut rng = RandomState::new(42);
    let mut copy = rng.clone();
    assert_eq!(rng.rand(2, 3), copy.rand(2, 3));
    let mut life = FastLife::new(chapters_code::life::seeded_board());
    let before = life.clone();
    life.step();
    assert_ne!(life.board(), before.board(), "a step changes the board");
    let _ = FastLife::board;
    let _ = FastLife::step;
    let _ = PyValue::type_name;
    let _ = Colormap::at;
    let _ = CellStyle::faded;
    let _ = (CellStyle::PLAIN, CellStyle::HIGHLIGHT, CellStyle::RESULT);
    let _ = Bar::new("label", 1.0, PAPER);
    let _ = Results::parse;
    let _ = Results::committed;
    let _ = Results::to_csv;
    let _ = Results::get;
    let _ = Results::fact;
    let _ = Results::machine_sentence;
    let _ = Results::markdown_table;
    let _ = (all_cores as fn(), quantiles_and_argmin as fn());
    let _: [Chapter; 12] = [
        chapters_code::introduction::CHAPTER,
        chapters_code::memory::CHAPTER,
        chapters_code::speed::CHAPTER,
        chapters_code::broadcasting::CHAPTER,
        chapters_code::newaxis::CHAPTER,
        chapters_code::products::CHAPTER,
        chapters_code::meshgrid::CHAPTER,
        chapters_code::knn::CHAPTER,
        chapters_code::life::CHAPTER,
        chapters_code::convolution::CHAPTER,
        chapters_code::where_next::CHAPTER,
        chapters_code::appendix::CHAPTER,
    ];
    let _ = Results::table;
    let _ = Results::time;
    let _ = Results::collect;
    let _ = Results::load;
    let _ = Results::parse_with;
    let _ = Results::merge;
    let _ = Results::timing;
    let _ = Results::timing_of;
    let _ = Results::compare;
    let _ = Results::groups_note;
    let _ = Bar::missing("label");
    let _ = BenchPlan::new;
}
