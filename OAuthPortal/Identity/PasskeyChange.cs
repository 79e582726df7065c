namespace OAuthPortal.Identity;

/// <summary>What adding, renaming or removing a passkey came to: done (with the passkey's name), or an error to show.</summary>
public sealed record PasskeyChange(bool Succeeded, string Name, string? Error)
{
    public static PasskeyChange Done(string name) => new(true, name, null);

    public static PasskeyChange Refused(string error) => new(false, "", error);
}
