namespace OAuthPortal.Pages;

/// <summary>
/// A question asked before a destructive or security-relevant action (<c>Pages/Shared/_Confirm.cshtml</c>): a GET of
/// the action's handler shows it, naming the thing and what will happen (with counts from the database); its Confirm
/// button posts to the same URL, its Cancel link goes back and changes nothing. Works without JavaScript.
/// </summary>
/// <param name="Title">The question, naming the thing ("Lock alice@example.com?").</param>
/// <param name="Consequences">What confirming does, one sentence each.</param>
/// <param name="ConfirmLabel">The Confirm button's text, a verb ("Lock the user").</param>
/// <param name="CancelUrl">Where Cancel goes: the page the action was started from.</param>
/// <param name="Danger">Red (destroys or cuts access) rather than amber.</param>
/// <param name="Fields">Form fields the action needs (sent as hidden inputs with Confirm).</param>
public sealed record Confirmation(
    string Title, IReadOnlyList<string> Consequences, string ConfirmLabel, string CancelUrl, bool Danger = true,
    IReadOnlyDictionary<string, string>? Fields = null);
