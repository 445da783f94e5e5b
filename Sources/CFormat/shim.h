// C's number formatting without a va_list: Swift cannot call variadic snprintf, and building a va_list
// through withVaList ([CVarArg], one dynamic cast per argument) cost more than the formatting itself.
// Scenario/Format.swift calls it.
#ifndef HPGSIM_CFORMAT_SHIM_H
#define HPGSIM_CFORMAT_SHIM_H

#include <stdio.h>

/// value as C's "%.*g" with `digits` significant digits into buffer (size bytes, NUL-terminated); returns the
/// length written (without the NUL), as snprintf does.
static inline int hpgsim_format_significant(char *buffer, int size, int digits, double value) {
    return snprintf(buffer, (size_t)size, "%.*g", digits, value);
}

#endif
