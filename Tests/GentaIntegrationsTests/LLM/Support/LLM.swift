/// Groups the LLM feedback suites, so that `--filter LLM` runs them all.
enum LLM {}
