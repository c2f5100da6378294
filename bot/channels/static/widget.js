/*
 * Support chat widget. Embed it on any page with one tag:
 *
 *   <script src="https://ASSISTANT/webhooks/web/widget.js"
 *           data-assistant-url="https://ASSISTANT" defer></script>
 *
 * Optional attributes:
 *   data-exit-url  where Quick exit and the Escape key go (http or https; default a weather site)
 *   data-target    CSS selector of an element to render the chat into; without it the chat is a
 *                  panel fixed to the corner of the page that can be minimised
 *
 * A page on another origin must be on the assistant's allow-list (credentials.yml) to talk to it.
 * The script loads its stylesheet from the same place. Nothing about the conversation is written
 * to cookies or browser storage: the session id lives in this script's memory only, so leaving
 * or reloading the page ends the conversation on this device.
 */
(function () {
  "use strict";

  var MAX_MESSAGE_CHARS = 2000; // the server refuses longer messages with 413
  var REQUEST_TIMEOUT_MS = 60000;
  var MAX_MESSAGES_PER_REPLY = 20;
  var MAX_TEXT_CHARS = 5000;
  var MAX_BUTTONS = 10;
  var MAX_LINES = 12;
  var DEFAULT_EXIT_URL = "https://www.bbc.co.uk/weather";
  var CHANNEL_PATH = "/webhooks/web";
  var FALLBACK_GUIDANCE =
    "If you are in danger, call your local emergency number (for example 911, 999, 112 or 000).";

  var script = document.currentScript;
  if (!script || window.__supportChatLoaded) {
    return;
  }
  window.__supportChatLoaded = true;

  var config = readConfig(script);
  var state = {
    sessionId: null,
    exited: false,
    waiting: 0,
    queue: Promise.resolve(),
    inFlight: null,
    offlineLines: null,
  };
  var ui = null;

  loadStylesheet();
  fetchOfflineLines();
  document.addEventListener("keydown", onGlobalKeydown, true);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }

  // ---------------------------------------------------------------- configuration

  function readConfig(el) {
    var scriptUrl = new URL(el.src, document.baseURI);
    var fromScript = scriptUrl.href.split(CHANNEL_PATH + "/widget.js")[0];
    var base = (el.getAttribute("data-assistant-url") || fromScript).replace(/\/+$/, "");
    return {
      base: base,
      exitUrl: httpUrl(el.getAttribute("data-exit-url")) || DEFAULT_EXIT_URL,
      target: el.getAttribute("data-target"),
    };
  }

  function httpUrl(value) {
    if (!value) {
      return null;
    }
    try {
      var url = new URL(value, document.baseURI);
      return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function loadStylesheet() {
    var href = new URL(config.base + CHANNEL_PATH + "/widget.css", document.baseURI).href;
    var present = Array.prototype.some.call(document.querySelectorAll("link[rel=stylesheet]"), function (link) {
      return link.href === href;
    });
    if (!present) {
      document.head.appendChild(el("link", { rel: "stylesheet", href: href }));
    }
  }

  // ---------------------------------------------------------------- building the page

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (name === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function srOnly(text) {
    return el("span", { class: "tbw-sr", text: text });
  }

  function mount() {
    var target = config.target ? document.querySelector(config.target) : null;
    var floating = !target;

    var exitButton = el("button", {
      type: "button",
      class: "tbw-exit",
      "aria-keyshortcuts": "Escape",
      "aria-describedby": "tbw-note",
      text: "Quick exit",
    });
    var minimiseButton = floating
      ? el("button", {
          type: "button",
          class: "tbw-minimise",
          "aria-expanded": "true",
          "aria-controls": "tbw-body",
          text: "Minimise",
        })
      : null;
    var note = el("p", {
      id: "tbw-note",
      class: "tbw-note",
      text:
        "To leave fast, press Esc or Quick exit: the chat is cleared and this page turns into a " +
        "weather site. Your browser history may still show this visit.",
    });
    var log = el("div", {
      class: "tbw-log",
      role: "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": "Conversation",
      tabindex: "0",
    });
    var typing = el("div", { class: "tbw-typing", role: "status" });
    var input = el("textarea", {
      id: "tbw-input",
      class: "tbw-input",
      rows: "2",
      autocomplete: "off",
      spellcheck: "true",
      "aria-describedby": "tbw-hint tbw-problem",
    });
    var sendButton = el("button", { type: "submit", class: "tbw-send", text: "Send" });
    var problem = el("p", { id: "tbw-problem", class: "tbw-problem", role: "alert" });
    var form = el("form", { class: "tbw-form", "aria-label": "Write to the assistant" }, [
      el("label", { for: "tbw-input", class: "tbw-label", text: "Your message" }),
      el("div", { class: "tbw-row" }, [input, sendButton]),
      el("p", { id: "tbw-hint", class: "tbw-hint", text: "Enter sends. Shift+Enter starts a new line." }),
      problem,
    ]);
    var header = el("div", { class: "tbw-header" }, [
      el("h2", { id: "tbw-title", class: "tbw-title", text: "Support chat" }),
      el("div", { class: "tbw-header-actions" }, minimiseButton ? [minimiseButton, exitButton] : [exitButton]),
    ]);
    log.appendChild(note);
    var body = el("div", { id: "tbw-body", class: "tbw-body" }, [log, typing, form]);
    var root = el(
      "section",
      { class: "tbw-root" + (floating ? " tbw-floating" : ""), "aria-labelledby": "tbw-title" },
      [header, body]
    );

    exitButton.addEventListener("click", quickExit);
    if (minimiseButton) {
      minimiseButton.addEventListener("click", function () {
        var open = minimiseButton.getAttribute("aria-expanded") === "true";
        minimiseButton.setAttribute("aria-expanded", open ? "false" : "true");
        minimiseButton.textContent = open ? "Open chat" : "Minimise";
        body.hidden = open;
        root.classList.toggle("tbw-minimised", open);
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      submitTypedMessage();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        submitTypedMessage();
      }
    });
    input.addEventListener("input", function () {
      if (input.value.length <= MAX_MESSAGE_CHARS) {
        setProblem("");
      }
    });

    (target || document.body).appendChild(root);
    ui = { root: root, log: log, typing: typing, input: input, problem: problem };
  }

  // ---------------------------------------------------------------- quick exit

  function onGlobalKeydown(event) {
    if (event.key === "Escape" && !event.isComposing) {
      quickExit();
    }
  }

  function quickExit() {
    if (state.exited) {
      return;
    }
    state.exited = true;
    // Hide everything first: the new page may take a moment to arrive.
    document.documentElement.style.setProperty("visibility", "hidden", "important");
    if (ui) {
      ui.root.remove();
      ui = null;
    }
    if (state.inFlight) {
      state.inFlight.abort();
    }
    state.sessionId = null;
    state.offlineLines = null;
    // replace(), not assign(): the chat page leaves the tab's history, so Back does not return to it.
    window.location.replace(config.exitUrl);
  }

  // ---------------------------------------------------------------- sending

  function sessionId() {
    if (!state.sessionId) {
      state.sessionId = newUuid();
    }
    return state.sessionId;
  }

  function newUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    // randomUUID needs a secure context; getRandomValues works on plain http too.
    var bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 0x100).toString(16).slice(1);
    });
    return [hex.slice(0, 4), hex.slice(4, 6), hex.slice(6, 8), hex.slice(8, 10), hex.slice(10)]
      .map(function (part) {
        return part.join("");
      })
      .join("-");
  }

  function submitTypedMessage() {
    var text = ui.input.value;
    if (!text.trim()) {
      return;
    }
    if (text.length > MAX_MESSAGE_CHARS) {
      setProblem(
        "This message is too long to send (" + formatNumber(text.length) + " characters; the limit is " +
          formatNumber(MAX_MESSAGE_CHARS) + "). Please shorten it or send it in parts."
      );
      ui.input.setAttribute("aria-invalid", "true");
      return;
    }
    ui.input.value = "";
    send(text.trim(), text.trim(), text);
  }

  function setProblem(text) {
    if (!ui) {
      return;
    }
    ui.problem.textContent = text;
    if (!text) {
      ui.input.removeAttribute("aria-invalid");
    }
  }

  function formatNumber(n) {
    return n.toLocaleString("en");
  }

  /* message: what the assistant receives; shown: what the person sees as their own line;
     restoreText: what goes back into the box if the message could not be delivered. */
  function send(message, shown, restoreText) {
    clearQuickReplies();
    addUserMessage(shown);
    state.waiting += 1;
    showTyping(true);
    state.queue = state.queue
      .then(function () {
        return postMessage(message);
      })
      .then(renderReply)
      .catch(function (failure) {
        showFailure(failure, restoreText);
      })
      .then(function () {
        state.waiting -= 1;
        if (state.waiting === 0) {
          showTyping(false);
        }
      });
  }

  function ChatFailure(kind) {
    this.kind = kind;
  }

  function postMessage(message) {
    if (state.exited) {
      return Promise.reject(new ChatFailure("exited"));
    }
    var controller = new AbortController();
    var timer = setTimeout(function () {
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    state.inFlight = controller;
    return fetch(config.base + CHANNEL_PATH + "/webhook", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        sender: sessionId(),
        message: message,
        metadata: { locale: navigator.language || null },
      }),
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      signal: controller.signal,
    })
      .then(
        function (response) {
          if (response.status === 413) {
            throw new ChatFailure("too_long");
          }
          if (!response.ok) {
            throw new ChatFailure("server");
          }
          return response.json().catch(function () {
            throw new ChatFailure("unreadable");
          });
        },
        function () {
          throw new ChatFailure("unreachable");
        }
      )
      .finally(function () {
        clearTimeout(timer);
        state.inFlight = null;
      });
  }

  // ---------------------------------------------------------------- replies

  var LINE_BULLET = "\u2022 ";

  function renderReply(reply) {
    if (state.exited) {
      return;
    }
    if (!Array.isArray(reply)) {
      throw new ChatFailure("unreadable");
    }
    var shown = 0;
    var logSize = ui.log.children.length;
    var afterCard = false;
    reply.slice(0, MAX_MESSAGES_PER_REPLY).forEach(function (message) {
      if (!message || typeof message !== "object") {
        return;
      }
      var isText = typeof message.text === "string" && message.text.trim();
      /* The assistant sends a card's lines again as plain text ("• name: call ...") for channels that
         cannot show a card; the widget shows the card, so it shows that copy only if no card came. */
      var isCardCopy = afterCard && isText && message.text.trim().indexOf(LINE_BULLET) === 0;
      afterCard = false;
      if (isText && !isCardCopy) {
        addBotMessage([formattedText(message.text)]);
        shown += 1;
      }
      var custom = message.custom;
      if (custom && typeof custom === "object" && custom.type === "crisis") {
        addBotMessage([crisisCard(custom)], "tbw-msg-crisis");
        shown += 1;
        afterCard = true;
      }
      if (Array.isArray(message.buttons)) {
        shown += addQuickReplies(message.buttons) ? 1 : 0;
      }
    });
    if (shown === 0) {
      // An empty answer is how the server reports its own errors; treat it as one.
      throw new ChatFailure(reply.length ? "unreadable" : "empty");
    }
    revealFrom(ui.log.children[logSize]);
  }

  var FAILURE_TEXT = {
    unreachable: "We could not reach the assistant, so your message was not answered.",
    server: "Something went wrong on our side, so your message was not answered.",
    unreadable: "The assistant's answer could not be read.",
    empty: "The assistant did not answer this time.",
    too_long:
      "That message is too long for the assistant (the limit is " + MAX_MESSAGE_CHARS.toLocaleString("en") +
      " characters). Please shorten it or send it in parts.",
  };

  function showFailure(failure, restoreText) {
    if (state.exited || !ui) {
      return;
    }
    var kind = failure instanceof ChatFailure ? failure.kind : "unreadable";
    var restored = false;
    if (restoreText && !ui.input.value) {
      ui.input.value = restoreText;
      restored = true;
    }
    var children = [
      el("p", { class: "tbw-error-title" }, [
        el("strong", { text: FAILURE_TEXT[kind] || FAILURE_TEXT.unreadable }),
        restored ? " Your message is back in the box so you can try again." : "",
      ]),
      el("p", { text: "If you need help now:" }),
    ];
    if (state.offlineLines && state.offlineLines.length) {
      children.push(linesList(state.offlineLines));
    } else {
      children.push(el("p", { class: "tbw-fallback", text: FALLBACK_GUIDANCE }));
    }
    appendToLog(el("div", { class: "tbw-msg tbw-msg-error" }, [srOnly("Problem: ")].concat(children)));
  }

  function addUserMessage(text) {
    appendToLog(
      el("div", { class: "tbw-msg tbw-msg-user" }, [srOnly("You said: "), el("span", { text: text })])
    );
  }

  function addBotMessage(children, extraClass) {
    appendToLog(
      el("div", { class: "tbw-msg tbw-msg-bot" + (extraClass ? " " + extraClass : "") }, [srOnly("Assistant: ")].concat(children))
    );
  }

  function appendToLog(node) {
    ui.log.appendChild(node);
    revealFrom(node);
  }

  /* Scrolls to the end of the conversation, unless that would hide the start of `node`: a long
     answer (a crisis card, an error with its lines) is read from its beginning. */
  function revealFrom(node) {
    var bottom = ui.log.scrollHeight - ui.log.clientHeight;
    ui.log.scrollTop = Math.min(bottom, node.offsetTop - 12);
  }

  function showTyping(on) {
    if (!ui) {
      return;
    }
    ui.typing.textContent = "";
    if (on) {
      ui.typing.appendChild(
        el("span", { class: "tbw-dots", "aria-hidden": "true" }, [el("span"), el("span"), el("span")])
      );
      ui.typing.appendChild(srOnly("The assistant is typing."));
    }
  }

  function addQuickReplies(buttons) {
    var usable = buttons
      .filter(function (b) {
        return b && typeof b.title === "string" && b.title.trim() && typeof b.payload === "string" && b.payload.trim();
      })
      .slice(0, MAX_BUTTONS);
    if (!usable.length) {
      return false;
    }
    var group = el("div", { class: "tbw-quick-replies", role: "group", "aria-label": "Suggested replies" });
    usable.forEach(function (b) {
      var title = b.title.trim().slice(0, 80);
      var button = el("button", { type: "button", class: "tbw-quick-reply", text: title });
      button.addEventListener("click", function () {
        send(b.payload.trim().slice(0, MAX_MESSAGE_CHARS), title, null);
        if (ui) {
          ui.input.focus();
        }
      });
      group.appendChild(button);
    });
    appendToLog(group);
    return true;
  }

  function clearQuickReplies() {
    if (!ui) {
      return;
    }
    var hadFocus = ui.log.contains(document.activeElement) && document.activeElement.matches(".tbw-quick-reply");
    Array.prototype.forEach.call(ui.log.querySelectorAll(".tbw-quick-replies"), function (group) {
      group.remove();
    });
    if (hadFocus) {
      ui.input.focus();
    }
  }

  // ---------------------------------------------------------------- text formatting

  /* Bot text is never parsed as HTML. Allowed: **bold**, *italic*, line breaks,
     [label](https://...) and bare http(s) links. */
  function formattedText(text) {
    var container = el("span", { class: "tbw-text" });
    var clipped = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) + "…" : text;
    clipped.split("\n").forEach(function (line, index) {
      if (index > 0) {
        container.appendChild(el("br"));
      }
      appendInline(container, line, true);
    });
    return container;
  }

  var INLINE_PATTERN =
    "\\[([^\\]\\n]{1,200})\\]\\((https?://[^\\s)]+)\\)" + // [label](url)
    "|\\*\\*([^*\\s](?:[^*\\n]*[^*\\s])?)\\*\\*" + // **bold**
    "|\\*([^*\\s](?:[^*\\n]*[^*\\s])?)\\*" + // *italic*
    "|(https?://[^\\s<>\"']+)"; // bare link

  function appendInline(parent, text, allowEmphasis) {
    var pattern = new RegExp(INLINE_PATTERN, "g");
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var end = pattern.lastIndex;
      var node = null;
      if (match[1] !== undefined) {
        node = link(match[2], match[1]);
      } else if (match[3] !== undefined || match[4] !== undefined) {
        if (allowEmphasis) {
          node = el(match[3] !== undefined ? "strong" : "em");
          appendInline(node, match[3] !== undefined ? match[3] : match[4], false);
        }
      } else {
        var url = match[5].replace(/[.,;:!?]+$/, "");
        if (url.endsWith(")") && url.indexOf("(") === -1) {
          url = url.slice(0, -1);
        }
        end = match.index + url.length;
        pattern.lastIndex = end;
        node = link(url, url);
      }
      if (!node) {
        continue;
      }
      parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      parent.appendChild(node);
      last = end;
    }
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function link(href, label) {
    var url = httpUrl(href);
    if (!url) {
      return document.createTextNode(label);
    }
    return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, [
      label,
      srOnly(" (opens in a new tab)"),
    ]);
  }

  // ---------------------------------------------------------------- crisis lines

  function crisisCard(custom) {
    var lines = cleanLines(custom.lines);
    var card = el("div", { class: "tbw-crisis", role: "group", "aria-label": "Crisis support" }, [
      el("h3", { class: "tbw-crisis-title", text: "You can talk to someone now" }),
    ]);
    if (lines.length) {
      card.appendChild(linesList(lines));
    } else {
      card.appendChild(el("p", { class: "tbw-fallback", text: FALLBACK_GUIDANCE }));
    }
    return card;
  }

  function cleanLines(lines) {
    if (!Array.isArray(lines)) {
      return [];
    }
    return lines
      .filter(function (line) {
        return line && typeof line === "object" && typeof line.name === "string" && line.name.trim();
      })
      .slice(0, MAX_LINES)
      .map(function (line) {
        var field = function (name) {
          var value = line[name];
          return typeof value === "string" && value.trim() ? value.trim().slice(0, 300) : null;
        };
        return {
          name: field("name"),
          for: field("for"),
          hours: field("hours"),
          phone: field("phone"),
          sms: field("sms"),
          smsBody: field("sms_body"),
          url: field("url"),
        };
      });
  }

  function linesList(lines) {
    var list = el("ul", { class: "tbw-lines" });
    lines.forEach(function (line) {
      var actions = el("p", { class: "tbw-line-actions" });
      var phoneDigits = line.phone ? dialable(line.phone) : "";
      if (phoneDigits) {
        actions.appendChild(el("a", { class: "tbw-action", href: "tel:" + phoneDigits, text: "Call " + line.phone }));
      } else if (line.phone) {
        actions.appendChild(el("span", { class: "tbw-action-text", text: "Call " + line.phone }));
      }
      var sms = line.sms ? parseSms(line.sms, line.smsBody) : null;
      if (sms) {
        actions.appendChild(el("a", { class: "tbw-action", href: sms.href, text: sms.label }));
      } else if (line.sms) {
        actions.appendChild(el("span", { class: "tbw-action-text", text: "Text: " + line.sms }));
      }
      var url = line.url ? httpUrl(line.url) : null;
      if (url) {
        actions.appendChild(
          el("a", { class: "tbw-action tbw-action-web", href: url, target: "_blank", rel: "noopener noreferrer" }, [
            new URL(url).hostname.replace(/^www\./, ""),
            srOnly(" (website of " + line.name + ", opens in a new tab)"),
          ])
        );
      }
      list.appendChild(
        el("li", { class: "tbw-line" }, [
          el("p", { class: "tbw-line-name", text: line.name }),
          line.for ? el("p", { class: "tbw-line-for", text: line.for }) : "",
          line.hours ? el("p", { class: "tbw-line-hours", text: "Hours: " + line.hours }) : "",
          actions,
        ])
      );
    });
    return list;
  }

  function dialable(number) {
    var digits = number.replace(/[^\d+]/g, "");
    var plus = digits.charAt(0) === "+" ? "+" : "";
    digits = digits.replace(/\+/g, "");
    return /^\d{2,15}$/.test(digits) ? plus + digits : "";
  }

  /* sms "85258" with sms_body "SHOUT" (the directory's shape), or one string "SHOUT to 85258" /
     "text SHOUT to 85258" -> an sms: link that fills in the keyword, labelled with the number. */
  function parseSms(value, body) {
    var match = /^(?:text\s+)?(?:([A-Za-z0-9][\w'-]{0,29})\s+to\s+)?(\+?\d[\d\s-]{1,20})$/i.exec(value);
    if (!match) {
      return null;
    }
    var number = dialable(match[2]);
    if (!number) {
      return null;
    }
    var keyword = body || match[1] || null;
    var shownNumber = match[2].trim();
    return {
      // "?&body=" is understood by both Android and iOS messaging apps.
      href: "sms:" + number + (keyword ? "?&body=" + encodeURIComponent(keyword) : ""),
      label: keyword ? "Text " + keyword + " to " + shownNumber : "Text " + shownNumber,
    };
  }

  // ---------------------------------------------------------------- lines for when the server is down

  function fetchOfflineLines() {
    var url = config.base + CHANNEL_PATH + "/offline-lines?locale=" + encodeURIComponent(navigator.language || "");
    fetch(url, { credentials: "omit", cache: "no-store", referrerPolicy: "no-referrer" })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data === "object" && !state.exited) {
          state.offlineLines = cleanLines(data.lines);
        }
      })
      .catch(function () {
        // The built-in sentence stands in; nothing to tell the person yet.
      });
  }
})();
