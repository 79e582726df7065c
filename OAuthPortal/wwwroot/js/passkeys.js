// Passkeys (WebAuthn) on the login page and on Manage your account > Passkeys. A file, not inline script: the
// Content-Security-Policy allows scripts from 'self' only. A form marked data-passkey="sign-in" or "create" gets its
// options (a challenge) from data-options-url with the form's antiforgery token, runs the browser's ceremony and posts
// the credential (JSON) or the browser's error name back with the form; the server explains any failure.
(() => {
    "use strict";

    const supported = typeof window.PublicKeyCredential === "function" && !!navigator.credentials;

    const toBuffer = (text) => {
        const base64 = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
        return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;
    };
    const toText = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
        .replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const withIds = (list) => (list || []).map((c) => ({ ...c, id: toBuffer(c.id) }));

    const creationOptions = (json) => PublicKeyCredential.parseCreationOptionsFromJSON
        ? PublicKeyCredential.parseCreationOptionsFromJSON(json)
        : { ...json, challenge: toBuffer(json.challenge), user: { ...json.user, id: toBuffer(json.user.id) }, excludeCredentials: withIds(json.excludeCredentials) };

    const requestOptions = (json) => PublicKeyCredential.parseRequestOptionsFromJSON
        ? PublicKeyCredential.parseRequestOptionsFromJSON(json)
        : { ...json, challenge: toBuffer(json.challenge), allowCredentials: withIds(json.allowCredentials) };

    const serialize = (credential) => {
        if (typeof credential.toJSON === "function") {
            return JSON.stringify(credential.toJSON());
        }
        const r = credential.response;
        const response = { clientDataJSON: toText(r.clientDataJSON) };
        if (r.attestationObject) {
            response.attestationObject = toText(r.attestationObject);
            response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
        }
        if (r.authenticatorData) {
            response.authenticatorData = toText(r.authenticatorData);
            response.signature = toText(r.signature);
            response.userHandle = r.userHandle ? toText(r.userHandle) : null;
        }
        return JSON.stringify({
            id: credential.id, rawId: toText(credential.rawId), type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment || null,
            response, clientExtensionResults: credential.getClientExtensionResults(),
        });
    };

    const fetchOptions = async (form) => {
        const body = new URLSearchParams();
        body.set("__RequestVerificationToken", form.querySelector("input[name=__RequestVerificationToken]").value);
        const response = await fetch(form.dataset.optionsUrl, { method: "POST", body, credentials: "same-origin" });
        if (!response.ok) {
            throw new DOMException(`The portal answered ${response.status}.`, "NetworkError");
        }
        return response.json();
    };

    const send = (form, credential, error) => {
        form.querySelector("[data-passkey-credential]").value = credential ? serialize(credential) : "";
        form.querySelector("[data-passkey-error]").value = error || "";
        form.submit();
    };

    const signIn = document.querySelector("form[data-passkey=sign-in]");
    if (signIn && supported) {
        signIn.hidden = false;
        let pending = null; // the conditional (autofill) request, if one is waiting

        const ask = async (mediation) => {
            const controller = new AbortController();
            pending = mediation === "conditional" ? controller : null;
            const publicKey = requestOptions(await fetchOptions(signIn));
            return navigator.credentials.get(mediation ? { publicKey, mediation, signal: controller.signal } : { publicKey, signal: controller.signal });
        };

        // Conditional UI: the browser offers this site's passkeys in the e-mail field's autofill.
        if (typeof PublicKeyCredential.isConditionalMediationAvailable === "function") {
            PublicKeyCredential.isConditionalMediationAvailable().then((available) => {
                if (available) {
                    ask("conditional").then((credential) => credential && send(signIn, credential), () => { /* aborted or dismissed: the button still works */ });
                }
            }, () => {});
        }

        signIn.querySelector("#passkey-signin").addEventListener("click", async (event) => {
            event.currentTarget.disabled = true;
            pending?.abort();
            try {
                send(signIn, await ask(null));
            } catch (error) {
                send(signIn, null, error && error.name);
            }
        });
    }

    const create = document.querySelector("form[data-passkey=create]");
    if (create) {
        if (!supported) {
            document.querySelector("[data-passkey-unsupported]")?.removeAttribute("hidden");
        } else {
            create.hidden = false;
            create.querySelector("#passkey-add").addEventListener("click", async (event) => {
                event.currentTarget.disabled = true;
                try {
                    const publicKey = creationOptions(await fetchOptions(create));
                    send(create, await navigator.credentials.create({ publicKey }));
                } catch (error) {
                    send(create, null, error && error.name);
                }
            });
            create.addEventListener("submit", (event) => { // Enter in the name field: the same as the button
                event.preventDefault();
                create.querySelector("#passkey-add").click();
            });
        }
    }
})();
