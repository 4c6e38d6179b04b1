"""Problems screen."""
