// Builds allocate millions of small strings from both cores at once; glibc's
// malloc spends a tenth of a build on its locks and free lists. Without
// transparent huge pages (feature `no_thp`): on a machine whose memory another
// program just fragmented, faulting them in stalls on compaction.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    planblanc::cli::main()
}
