;;; emacs_check.el --- Drives the language server from Emacs's eglot, in batch mode  -*- lexical-binding: t -*-
;; Visits the mapper, starts eglot with the server (as the README's `eglot-server-programs' entry would),
;; waits for its diagnostics in Flymake, asks for a hover and a completion, and writes what came back
;; as JSON.  Run by test/lsp_editors_test.ts:
;;   emacs --batch -Q -l emacs_check.el   (LSP_CMD, LSP_FILE and LSP_OUT in the environment)
(package-initialize)
(require 'eglot)
(require 'json)

(defun check--finish (result)
  (with-temp-file (getenv "LSP_OUT") (insert (json-encode result)))
  (kill-emacs 0))

(defun check--wait (predicate seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))))

(condition-case err
    (let ((command (append (json-parse-string (getenv "LSP_CMD") :array-type 'list) nil)))
      (setq-default eglot-workspace-configuration '(:oryTokenizer (:debounceMs 0)))
      (find-file (getenv "LSP_FILE"))
      ;; Debian's Emacs has no jsonnet-mode: any major mode does for the check.
      (js-mode)
      (eglot '(js-mode) (project-current) 'eglot-lsp-server command "jsonnet")
      (check--wait (lambda () (eglot-current-server)) 20)
      (check--wait (lambda () (flymake-start) (flymake-diagnostics)) 20)
      (let* ((server (eglot-current-server))
             (at (lambda (line column)
                   (goto-char (point-min)) (forward-line line) (forward-char column)))
             (hover (progn (funcall at 1 25)
                           (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
             (completion (progn (funcall at 2 20)
                                (jsonrpc-request server :textDocument/completion (eglot--CompletionParams)))))
        (check--finish
         `((diagnostics . ,(vconcat (mapcar (lambda (d)
                                              `((line . ,(1- (line-number-at-pos (flymake-diagnostic-beg d))))
                                                (message . ,(flymake-diagnostic-text d))))
                                            (flymake-diagnostics))))
           (hover . ,(plist-get (plist-get hover :contents) :value))
           (completion . ,(vconcat (mapcar (lambda (item) (plist-get item :label))
                                           (plist-get completion :items))))))))
  (error (check--finish `((error . ,(format "%S" err))))))
