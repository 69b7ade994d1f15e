#pragma once

#include <QString>

// What every start of `dirigent` does once its application object exists (window, screenshot
// and console alike): numbers stay machine-readable, the name and version are set, an
// installed translations folder (share/dirigent/translations beside the binary's bin/) is
// preferred to the embedded .qm files, and the UI language is installed.
// Returns Language::install()'s answer: false when no translation could be loaded.
bool prepareApplication(const QString &language);
