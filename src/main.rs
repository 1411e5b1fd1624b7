// Builds allocate millions of small strings from both cores at once; glibc's
// malloc spends a tenth of a build on its locks and free lists.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    planblanc::cli::main()
}
