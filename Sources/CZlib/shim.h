// zlib (Debian's zlib1g-dev): gzip decompression of .gz inputs in SalesData.
#include <zlib.h>
