#pragma once

#include <QTextCharFormat>

// The character formats both listings use: the same hues in Python and C++, so that
// `await` and `co_await` (and the other pairs) look alike side by side. One set for a
// light background and one, lighter and less saturated, for a dark one.
struct CodeFormats
{
    QTextCharFormat keyword;
    QTextCharFormat coroutine;  // async, await, co_await, co_return ...
    QTextCharFormat name;       // C++ types, Python builtins
    QTextCharFormat string;
    QTextCharFormat comment;
    QTextCharFormat number;
    QTextCharFormat directive;  // C++ preprocessor lines, Python decorators

    static CodeFormats make(bool darkBackground);
};
