using Microsoft.AspNetCore.Mvc.ViewFeatures;
using OAuthPortal.Components;

namespace OAuthPortal.Pages;

/// <summary>Carries a <see cref="StatusMessage"/> across a Post/Redirect/Get in TempData; the layout shows it once.</summary>
public static class StatusMessages
{
    private const string Key = "Portal.Status";

    public static void SetStatus(this ITempDataDictionary tempData, StatusKind kind, string text) =>
        tempData[Key] = $"{kind}|{text}";

    public static StatusMessage? TakeStatus(this ITempDataDictionary tempData) =>
        tempData[Key] is string stored && stored.Split('|', 2) is [var kind, var text] && Enum.TryParse<StatusKind>(kind, out var parsed)
            ? new StatusMessage(parsed, text)
            : null;
}
