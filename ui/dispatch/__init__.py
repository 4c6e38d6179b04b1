"""Major-project dispatch screen (重大项目调度): completion, entry, targets."""
