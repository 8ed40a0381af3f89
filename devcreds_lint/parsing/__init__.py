"""Reading files safely and parsing them with libcst only after Python's parser screened them."""
