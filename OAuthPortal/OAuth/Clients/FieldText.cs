namespace OAuthPortal.OAuth.Clients;

/// <summary>
/// How a registration message quotes what was typed: it may be anything (even a null list entry from a form), so
/// shortened and without control characters.
/// </summary>
internal static class FieldText
{
    public static string Quote(string? value)
    {
        var visible = new string((value ?? "").Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return visible.Length <= 80 ? $"'{visible}'" : $"'{visible[..77]}...'";
    }
}
