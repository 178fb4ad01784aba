#include "driver.hpp"

int main(int argc, char** argv) { return entryc::cli::run(argc, argv); }
