"""The pwc CLI v1 contract (Hugging Face relaunch)."""
