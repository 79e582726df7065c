using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace OAuthPortal.Hosting;

/// <summary>
/// Binds a <c>bool</c> the way browsers send checkboxes: <c>true</c>, <c>on</c> (a checkbox without a value) or
/// <c>1</c> is true; <c>false</c>, <c>off</c>, <c>0</c> or nothing is false; the first value counts (a checked
/// tag-helper checkbox posts "true" before its hidden "false"). Anything else is a model error and the form shows the
/// box unchecked. ASP.NET's own binder refused "on", and the checkbox tag helper then threw a FormatException while
/// re-rendering the refused value: a 500 for a form field.
/// </summary>
public sealed class BrowserBooleanBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var sent = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (sent == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        var first = sent.FirstValue?.Trim() ?? "";
        bool? value = first.ToLowerInvariant() switch
        {
            "true" or "on" or "1" => true,
            "false" or "off" or "0" or "" => false,
            _ => null,
        };
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, new ValueProviderResult(value == true ? "true" : "false"));
        if (value is null)
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                $"The value '{first}' is not valid for {bindingContext.ModelMetadata.GetDisplayName()}.");
            bindingContext.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(value.Value);
        return Task.CompletedTask;
    }

    /// <summary>Puts the binder in front of ASP.NET's for every <c>bool</c>.</summary>
    public sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) ? new BrowserBooleanBinder() : null;
    }
}
