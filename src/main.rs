fn main() -> std::process::ExitCode {
    planblanc::cli::main()
}
