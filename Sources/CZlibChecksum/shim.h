// zlib, for its CRC-32 (ZIPChecksum in TabularXLSX); inflating is ZIPFoundation's.
#include <zlib.h>
