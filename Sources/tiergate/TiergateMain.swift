import TiergateCLI

/// Entry point: hands the arguments to the `Tiergate` command.
@main
enum TiergateMain {
    static func main() async {
        await Tiergate.main()
    }
}
