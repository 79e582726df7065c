using Microsoft.AspNetCore.Mvc.ModelBinding;
using OAuthPortal.OAuth.Clients;

namespace OAuthPortal.Areas.Developer.Pages;

public static class ModelStateExtensions
{
    /// <summary>Puts each core field error next to its form field ("Input.Name"...).</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, string prefix = "Input")
    {
        foreach (var error in errors)
        {
            modelState.AddModelError($"{prefix}.{error.Field}", error.Message);
        }
    }

    public static IReadOnlyList<string> ErrorsOf(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToList() : [];
}
