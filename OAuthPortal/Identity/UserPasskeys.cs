using System.Buffers.Text;
using Microsoft.AspNetCore.Identity;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Events;

namespace OAuthPortal.Identity;

/// <summary>
/// A signed-in user's passkeys (Identity's built-in WebAuthn support, schema version 3): list them, start and finish
/// registering one (<see cref="CreationOptionsAsync"/>, then <see cref="AddAsync"/> with what the browser's
/// <c>navigator.credentials.create()</c> returned), rename and remove them. Every change is audited
/// (PasskeyAdded, PasskeyRenamed, PasskeyRemoved: the user is the target, the passkey's name the detail).
/// </summary>
public sealed class UserPasskeys(UserManager<PortalUser> users, SignInManager<PortalUser> signIn, IOAuthEvents events)
{
    public const int MaxNameLength = 100;
    public const int MaxPasskeysPerUser = 20;

    public async Task<IReadOnlyList<PasskeyListing>> ListAsync(PortalUser user) =>
        (await users.GetPasskeysAsync(user))
            .OrderBy(p => p.CreatedAt)
            .Select(p => new PasskeyListing(Base64Url.EncodeToString(p.CredentialId), NameOf(p), p.CreatedAt, p.IsBackedUp))
            .ToList();

    public async Task<PasskeyListing?> FindAsync(PortalUser user, string? id) =>
        Decode(id) is { } credentialId && await users.GetPasskeyAsync(user, credentialId) is { } passkey
            ? new PasskeyListing(id!, NameOf(passkey), passkey.CreatedAt, passkey.IsBackedUp)
            : null;

    /// <summary>The options for <c>navigator.credentials.create()</c> (JSON); the challenge is kept in a short-lived cookie.</summary>
    public Task<string> CreationOptionsAsync(PortalUser user) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity { Id = user.Id, Name = user.Email ?? user.Id, DisplayName = user.Email ?? user.Id });

    public async Task<PasskeyChange> AddAsync(PortalUser user, string? credentialJson, string? name)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return PasskeyChange.Refused("The browser sent no passkey.");
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MaxPasskeysPerUser)
        {
            return PasskeyChange.Refused($"You have {MaxPasskeysPerUser} passkeys, the most an account may have: remove one first.");
        }

        PasskeyAttestationResult attestation;
        try
        {
            attestation = await signIn.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (InvalidOperationException)
        {
            // No ceremony underway: the short-lived cookie expired, or another tab started a newer one.
            return PasskeyChange.Refused("The passkey request expired or was replaced by a newer one: try again.");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or PasskeyException)
        {
            return PasskeyChange.Refused("The browser's answer was not a passkey.");
        }

        if (!attestation.Succeeded)
        {
            return PasskeyChange.Refused($"The passkey could not be verified: {attestation.Failure.Message}");
        }

        if (attestation.UserEntity.Id != user.Id)
        {
            return PasskeyChange.Refused("That passkey was made for another account.");
        }

        if (await users.FindByPasskeyIdAsync(attestation.Passkey.CredentialId) is not null)
        {
            return PasskeyChange.Refused("That passkey is already registered.");
        }

        var passkey = attestation.Passkey;
        passkey.Name = Clean(name) ?? $"Passkey added {passkey.CreatedAt:yyyy-MM-dd}";
        var added = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!added.Succeeded)
        {
            return PasskeyChange.Refused(string.Join(" ", added.Errors.Select(e => e.Description)));
        }

        await AuditAsync(user, UserChange.PasskeyAdded, $"passkey: {passkey.Name}");
        return PasskeyChange.Done(passkey.Name);
    }

    public async Task<PasskeyChange> RenameAsync(PortalUser user, string? id, string? name)
    {
        if (Clean(name) is not { } newName)
        {
            return PasskeyChange.Refused("Give the passkey a name.");
        }

        if (Decode(id) is not { } credentialId || await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return PasskeyChange.Refused("That passkey no longer exists.");
        }

        var oldName = NameOf(passkey);
        passkey.Name = newName;
        var renamed = await users.AddOrUpdatePasskeyAsync(user, passkey);
        if (!renamed.Succeeded)
        {
            return PasskeyChange.Refused(string.Join(" ", renamed.Errors.Select(e => e.Description)));
        }

        await AuditAsync(user, UserChange.PasskeyRenamed, $"passkey: {oldName} -> {newName}");
        return PasskeyChange.Done(newName);
    }

    public async Task<PasskeyChange> RemoveAsync(PortalUser user, string? id)
    {
        if (Decode(id) is not { } credentialId || await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
        {
            return PasskeyChange.Refused("That passkey no longer exists.");
        }

        var removed = await users.RemovePasskeyAsync(user, credentialId);
        if (!removed.Succeeded)
        {
            return PasskeyChange.Refused(string.Join(" ", removed.Errors.Select(e => e.Description)));
        }

        await AuditAsync(user, UserChange.PasskeyRemoved, $"passkey: {NameOf(passkey)}");
        return PasskeyChange.Done(NameOf(passkey));
    }

    /// <summary>What a failed <c>navigator.credentials.create()</c> (its DOMException name) means to the user.</summary>
    public static string DescribeBrowserError(string? error) => error switch
    {
        "NotAllowedError" or "AbortError" or null or "" => "No passkey was added: the request was cancelled or timed out.",
        "InvalidStateError" => "No passkey was added: this device or security key already holds a passkey for your account.",
        "SecurityError" => "No passkey was added: the browser refused this site address. Open the portal at its own address (not an IP address) and try again.",
        _ => "No passkey was added: this browser cannot create passkeys here.",
    };

    private Task AuditAsync(PortalUser user, UserChange change, string details) =>
        events.UserChangedAsync(new UserChangedEvent(user.Id, user.Email ?? "", change, user.Email ?? user.Id, details));

    private static string NameOf(UserPasskeyInfo passkey) => string.IsNullOrWhiteSpace(passkey.Name) ? "Unnamed passkey" : passkey.Name;

    /// <summary>A name as typed: trimmed, control characters dropped, at most <see cref="MaxNameLength"/> characters; null when nothing is left.</summary>
    public static string? Clean(string? name)
    {
        var cleaned = new string((name ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return cleaned.Length == 0 ? null : cleaned.Length <= MaxNameLength ? cleaned : cleaned[..MaxNameLength].TrimEnd();
    }

    /// <summary>A credential id from base64url; null when it is not one.</summary>
    public static byte[]? Decode(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 1400 || !Base64Url.IsValid(id))
        {
            return null;
        }

        return Base64Url.DecodeFromChars(id);
    }
}
