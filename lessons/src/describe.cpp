#include "lessons/describe.hpp"

#include <aio/errors.hpp>

#include <cxxabi.h>

#include <cstdlib>
#include <memory>
#include <string_view>
#include <typeinfo>

namespace lessons {

namespace {

// "lessons::http::BadStatus" -> "BadStatus": Python names a class without its module.
std::string unqualified_name(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, void (*)(void*)> demangled(abi::__cxa_demangle(type.name(), nullptr, nullptr, &status),
                                                     &std::free);
    std::string name = status == 0 && demangled ? demangled.get() : type.name();
    // Only the last component counts; a template's arguments do not.
    const std::size_t args = name.find('<');
    const std::size_t colon = name.rfind("::", args);
    if (colon != std::string::npos) name.erase(0, colon + 2);
    return name;
}

}  // namespace

std::string describe(std::exception_ptr error) {
    if (!error) return {};
    try {
        std::rethrow_exception(error);
    } catch (const aio::CancelledError&) {
        return "CancelledError";
    } catch (const aio::ExceptionGroup& group) {
        std::string out = "ExceptionGroup(";
        std::string_view separator;
        for (const std::exception_ptr& inner : group.exceptions()) {
            out += separator;
            out += describe(inner);
            separator = ", ";
        }
        return out + ")";
    } catch (const aio::Error& e) {
        return e.type_name();
    } catch (const std::exception& e) {
        return unqualified_name(typeid(e));
    } catch (...) {
        return "unknown exception";
    }
}

}  // namespace lessons
