import TiergateCLI

await Tiergate.main()
